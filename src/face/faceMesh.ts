import { createRequire } from 'node:module';
import path from 'node:path';
import { createDetector, SupportedModels, type FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import { adaptToBlazeFaceBack } from './blazeFaceBack.ts';
import { fileIoHandler } from './fileIoHandler.ts';
import { FACE_MODEL_FILES, FACE_MODELS_ENV, FIVE_POINT_ORDER, MESH_FIVE_POINTS, MESH_POINT_COUNT, MESH_EYE_CORNERS } from './constants.ts';
import type { FivePoints, Point } from './types.ts';

// The face mesh: loading MediaPipe's landmark model offline (weights from @vladmandic/human), and
// what the detector reads from its 468 points (the five alignment points, the head's yaw).

export interface LoadFaceMeshConfig {
  /** Folder with facemesh.json/.bin and blazeface.json/.bin; default humanModelDir(). */
  modelDir?: string;
  /** Most faces the detector keeps per photo (after non-max suppression). */
  maxFaces: number;
}

/**
 * Loads @tensorflow-models/face-landmarks-detection's MediaPipe FaceMesh pipeline (runtime 'tfjs', 468
 * points) with the weights @vladmandic/human ships, from disk, on the active tfjs backend
 * (docs/face.md "Choices"). Call selectBackend() first. The caller must call
 * detector.reset() before every photo: staticImageMode alone keeps regions from the previous photo.
 */
export async function loadFaceMesh(config: LoadFaceMeshConfig): Promise<FaceLandmarksDetector> {
  const dir = config.modelDir ?? humanModelDir();
  if (!Number.isInteger(config.maxFaces) || config.maxFaces < 1) {
    throw new RangeError(`loadFaceMesh: expected maxFaces to be a positive integer, but got ${config.maxFaces}`);
  }
  const detector = await createDetector(SupportedModels.MediaPipeFaceMesh, {
    runtime: 'tfjs',
    maxFaces: config.maxFaces,
    refineLandmarks: false,
    landmarkModelUrl: fileIoHandler(path.join(dir, FACE_MODEL_FILES.landmarks)),
    detectorModelUrl: fileIoHandler(path.join(dir, FACE_MODEL_FILES.detector)),
  });
  // The landmark pipeline keeps its face detector in the field "detector" (face-landmarks-detection 1.0.6).
  adaptToBlazeFaceBack((detector as unknown as { detector: unknown }).detector);
  return detector;
}

const require = createRequire(import.meta.url);

/**
 * Folder holding facemesh.json/.bin and blazeface.json/.bin: $GENEGAN_FACE_MODELS when set, else the
 * models/ folder that @vladmandic/human ships (docs/face.md "Choices": weights come from npm packages,
 * nothing is downloaded). The package's "exports" hide package.json, so resolve its node entry instead.
 */
export function humanModelDir(): string {
  const override = process.env[FACE_MODELS_ENV];
  if (override !== undefined && override !== '') return path.resolve(override);
  let entry: string;
  try {
    entry = require.resolve('@vladmandic/human');
  } catch {
    throw new Error(`face models: expected the npm package @vladmandic/human (or ${FACE_MODELS_ENV}=DIR), but it is not installed`);
  }
  // entry is <pkg>/dist/human.node.js
  return path.join(path.dirname(path.dirname(entry)), 'models');
}

/**
 * The five alignment points from 468 FaceMesh points (docs/face.md "Landmarks and the five points"): eye centres are the
 * mean of four eye-contour points, nose tip 1, mouth corners 61 and 291. "Left" is the viewer's left.
 */
export function fivePointsFromMesh(mesh: readonly { x: number; y: number }[]): FivePoints {
  if (mesh.length < MESH_POINT_COUNT) {
    throw new RangeError(`fivePointsFromMesh: expected ${MESH_POINT_COUNT} FaceMesh points, but got ${mesh.length}`);
  }
  const out = {} as Record<keyof FivePoints, Point>;
  for (const key of FIVE_POINT_ORDER) {
    const ids = MESH_FIVE_POINTS[key];
    let x = 0;
    let y = 0;
    for (const id of ids) {
      x += mesh[id].x;
      y += mesh[id].y;
    }
    out[key] = [x / ids.length, y / ids.length];
  }
  return out;
}

/**
 * Rough head yaw in degrees from FaceMesh's 3D points: the angle of the line between the outer eye
 * corners out of the image plane (z is FaceMesh's relative depth, in about the same units as x).
 * Sign: positive when the viewer-right eye is farther from the camera. A similarity transform
 * cannot align a profile onto the frontal template, so callers can warn above ~45 degrees.
 */
export function meshYaw(mesh: readonly { x: number; y: number; z?: number }[]): number {
  const a = mesh[MESH_EYE_CORNERS.left];
  const b = mesh[MESH_EYE_CORNERS.right];
  if (a === undefined || b === undefined) {
    throw new RangeError(`meshYaw: expected FaceMesh points ${MESH_EYE_CORNERS.left} and ${MESH_EYE_CORNERS.right}, but got ${mesh.length} points`);
  }
  const dz = (b.z ?? 0) - (a.z ?? 0);
  return (Math.atan2(dz, Math.hypot(b.x - a.x, b.y - a.y)) * 180) / Math.PI;
}
