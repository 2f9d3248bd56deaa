import path from 'node:path';
import { createDetector, SupportedModels, type FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import { adaptToBlazeFaceBack } from './blazeFaceBack.ts';
import { fileIoHandler } from './fileIoHandler.ts';
import { humanModelDir } from './humanModelDir.ts';
import { FACE_MODEL_FILES } from './constants.ts';

export interface LoadFaceMeshConfig {
  /** Folder with facemesh.json/.bin and blazeface.json/.bin; default humanModelDir(). */
  modelDir?: string;
  /** Most faces the detector keeps per photo (after non-max suppression). */
  maxFaces: number;
}

/**
 * Loads @tensorflow-models/face-landmarks-detection's MediaPipe FaceMesh pipeline (runtime 'tfjs', 468
 * points) with the weights @vladmandic/human ships, from disk, on the active tfjs backend
 * (spec/face-pipeline.md, option 1). Call selectBackend() first. The caller must call
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
