import type { FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import { tf } from '../backend/tf.ts';
import { fivePointsFromMesh } from './fivePointsFromMesh.ts';
import { meshYaw } from './meshYaw.ts';
import type { DetectedFace, Photo, Point } from './types.ts';

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
