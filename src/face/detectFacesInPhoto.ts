import type { FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import sharp from 'sharp';
import { tf } from '../backend/tf.ts';
import { DETECT_MAX_SIDE } from './constants.ts';
import { fivePointsFromMesh } from './fivePointsFromMesh.ts';
import { meshYaw } from './meshYaw.ts';
import type { DetectedFace, FivePoints, Photo, Point } from './types.ts';

/**
 * The copy of a photo that the detector scans: photos whose longer side exceeds DETECT_MAX_SIDE
 * are downscaled first, so the detector's tensors (int32 and float copies of every pixel) stay
 * bounded whatever the upload's size; the faces are then cut from the full-resolution photo by the
 * callers, with the points scaled back. BlazeFace sees 256 px anyway, and FaceMesh's 192 px crops
 * of a face lose nothing while the face spans ~190 px or less in the copy.
 * @returns the copy and the factor photo pixels = copy pixels * factor.
 */
export async function scanCopy(photo: Photo, maxSide = DETECT_MAX_SIDE): Promise<{ image: Photo; factor: number }> {
  const longer = Math.max(photo.width, photo.height);
  if (longer <= maxSide) return { image: photo, factor: 1 };
  const width = Math.max(1, Math.round((photo.width * maxSide) / longer));
  const height = Math.max(1, Math.round((photo.height * maxSide) / longer));
  const data = await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } }).resize(width, height, { fit: 'fill' }).raw().toBuffer();
  return { image: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height, channels: 3, orientation: photo.orientation }, factor: photo.width / width };
}

/** Faces found on a scan copy, in the full photo's pixels (factor from scanCopy). */
export function scaleFaces(faces: DetectedFace[], factor: number): DetectedFace[] {
  if (factor === 1) return faces;
  const point = ([x, y]: Point): Point => [(x + 0.5) * factor - 0.5, (y + 0.5) * factor - 0.5];
  return faces.map((face) => ({
    ...face,
    box: { x: face.box.x * factor, y: face.box.y * factor, width: face.box.width * factor, height: face.box.height * factor },
    points: Object.fromEntries(Object.entries(face.points).map(([k, p]) => [k, point(p)])) as unknown as FivePoints,
    landmarks: face.landmarks.map(point),
  }));
}

/**
 * Runs FaceMesh on one decoded photo and returns its faces numbered left to right (by box centre).
 * Resets the detector first: in static mode it still reuses regions from the previous photo
 * (spec/face-pipeline.md). The photo tensor is HWC int32 0..255 and is freed before returning.
 * Not re-entrant: callers serialise calls on one detector.
 */
export async function detectFacesInPhoto(detector: FaceLandmarksDetector, photo: Photo): Promise<DetectedFace[]> {
  const image = tf.tensor3d(photo.data, [photo.height, photo.width, 3], 'int32');
  let found;
  try {
    detector.reset();
    found = await detector.estimateFaces(image, { staticImageMode: true, flipHorizontal: false });
  } finally {
    image.dispose();
  }
  const faces = found.map((face) => {
    const landmarks = face.keypoints.map((k): Point => [k.x, k.y]);
    const box = { x: face.box.xMin, y: face.box.yMin, width: face.box.width, height: face.box.height };
    return { index: 0, box, points: fivePointsFromMesh(face.keypoints), landmarks, yaw: meshYaw(face.keypoints) };
  });
  faces.sort((a, b) => a.box.x + a.box.width / 2 - (b.box.x + b.box.width / 2));
  faces.forEach((face, i) => (face.index = i));
  return faces;
}
