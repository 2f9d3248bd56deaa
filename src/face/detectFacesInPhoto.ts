import type { FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import sharp from 'sharp';
import { tf, type Tensor3D } from '../backend/tf.ts';
import { DETECT_MAX_SIDE } from './constants.ts';
import { fivePointsFromMesh, meshYaw } from './faceMesh.ts';
import type { Box, DetectedFace, FivePoints, Photo, Point } from './types.ts';

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
 * (docs/face.md "Detection"). The photo tensor is HWC int32 0..255 and is freed before returning.
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
  const faces = found.map((face) => meshFace(face.keypoints));
  faces.sort((a, b) => a.box.x + a.box.width / 2 - (b.box.x + b.box.width / 2));
  faces.forEach((face, i) => (face.index = i));
  return faces;
}

/** The internals of face-landmarks-detection 1.0.6's FaceMesh detector that detectOneFace uses. */
interface MeshInternals {
  detector: { detectFaces(image: Tensor3D, flip: boolean): Promise<{ locationData: { relativeBoundingBox: { xMin: number; yMin: number; width: number; height: number } } }[]> };
  faceDetectionFrontDetectionToRoi(detection: unknown, size: { width: number; height: number }): unknown;
  faceLandmark(roi: unknown, image: Tensor3D): Promise<{ x: number; y: number; z?: number }[] | null>;
}

/**
 * One chosen face of a photo with its FaceMesh points, meshing only what is needed: BlazeFace finds
 * every face (cheap), `candidates` orders the ones worth trying from their boxes (numbered left to
 * right), and they go through the landmark model one at a time until `accept` takes one, so a group
 * photo costs about as much as a portrait (docs/face.md). The same steps as the library's
 * estimateFaces in static mode, restricted to the faces tried. Not re-entrant: callers serialise
 * calls on one detector.
 * @returns the face (the first accepted, else the first meshed; null when no candidate's landmarks
 *   pass the presence score), its index and the face count.
 */
export async function detectOneFace(
  detector: FaceLandmarksDetector,
  photo: Photo,
  candidates: (boxes: Box[]) => number[],
  accept: (face: DetectedFace) => boolean = () => true,
): Promise<{ face: DetectedFace | null; index: number; count: number }> {
  const mesh = meshInternals(detector);
  const image = tf.tidy(() => tf.cast(tf.tensor3d(photo.data, [photo.height, photo.width, 3], 'int32'), 'float32') as Tensor3D);
  try {
    const size = { width: photo.width, height: photo.height };
    const detections = await mesh.detector.detectFaces(image, false);
    const boxes = detections.map(({ locationData: { relativeBoundingBox: b } }) => ({ x: b.xMin * photo.width, y: b.yMin * photo.height, width: b.width * photo.width, height: b.height * photo.height }));
    const order = boxes.map((_, i) => i).sort((a, b) => boxes[a].x + boxes[a].width / 2 - (boxes[b].x + boxes[b].width / 2));
    const tries = candidates(order.map((i) => boxes[i]));
    let first: { face: DetectedFace | null; index: number } | null = null;
    for (const index of tries) {
      if (!(index >= 0 && index < order.length)) return { face: null, index, count: order.length };
      const landmarks = await mesh.faceLandmark(mesh.faceDetectionFrontDetectionToRoi(detections[order[index]], size), image);
      const face = landmarks && { ...meshFace(landmarks.map((k) => ({ ...k, x: k.x * photo.width, y: k.y * photo.height, z: k.z === undefined ? undefined : k.z * photo.width }))), index };
      if (face && accept(face)) return { face, index, count: order.length };
      first ??= { face, index };
    }
    return { face: first?.face ?? null, index: first?.index ?? 0, count: order.length };
  } finally {
    image.dispose();
  }
}

/** A face from its 468 FaceMesh points in photo pixels; the box encloses the points. */
function meshFace(keypoints: readonly { x: number; y: number; z?: number }[]): DetectedFace {
  const landmarks = keypoints.map((k): Point => [k.x, k.y]);
  const xs = landmarks.map((p) => p[0]);
  const ys = landmarks.map((p) => p[1]);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const box = { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
  return { index: 0, box, points: fivePointsFromMesh(keypoints), landmarks, yaw: meshYaw(keypoints) };
}

function meshInternals(detector: FaceLandmarksDetector): MeshInternals {
  const d = detector as unknown as Partial<MeshInternals>;
  if (typeof d.detector?.detectFaces !== 'function' || typeof d.faceDetectionFrontDetectionToRoi !== 'function' || typeof d.faceLandmark !== 'function') {
    throw new Error('detectOneFace: expected the internals of @tensorflow-models/face-landmarks-detection 1.0.6 (detector.detectFaces, faceDetectionFrontDetectionToRoi, faceLandmark), but the detector differs; check the pinned version');
  }
  return d as MeshInternals;
}
