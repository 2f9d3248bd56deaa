import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { selectBackend } from '../backend/selectBackend.ts';
import type { FacePipeline } from '../face/createFacePipeline.ts';
import { fivePointsToArray } from '../face/template.ts';
import type { DetectedFace } from '../face/types.ts';
import { alignToTemplate } from './alignToTemplate.ts';
import { withCropCache } from './cropCache.ts';
import { DataError } from './dataError.ts';

let pipeline: Promise<FacePipeline> | undefined;

/**
 * The face pipeline of src/face (FaceMesh 5 points, docs/face.md "Landmarks and the five points"), loaded once per
 * process on first use. A failure to load is a DataError: it stops the run instead of silently
 * skipping every image.
 */
function facePipeline(): Promise<FacePipeline> {
  pipeline ??= (async () => {
    try {
      await selectBackend({ log: () => {} });
      const { createFacePipeline } = await import('../face/createFacePipeline.ts');
      return await createFacePipeline();
    } catch (err) {
      pipeline = undefined;
      throw new DataError(`face detection not available: ${(err as Error).message}`);
    }
  })();
  return pipeline;
}

/**
 * Loader for photos without landmarks: detect the largest face, align it by its 5 points
 * (alignToTemplate: shrink, then a 1:1 warp) and cache the crop in `cacheDir`. A photo without a face
 * throws, so the dataset skips and counts it.
 */
export function detectedFaceLoader(root: string, size: number, cacheDir: string): (id: string) => Promise<Uint8Array> {
  return withCropCache(cacheDir, size, async (id) => {
    const bytes = await readFile(path.join(root, id));
    const { photo, faces } = await (await facePipeline()).detect(bytes, id);
    if (faces.length === 0) throw new Error(`${id}: no face found`);
    const face = largest(faces);
    return alignToTemplate({ data: photo.data, width: photo.width, height: photo.height }, fivePointsToArray(face.points), size);
  });
}

function largest(faces: DetectedFace[]): DetectedFace {
  return faces.reduce((a, b) => (b.box.width * b.box.height > a.box.width * a.box.height ? b : a));
}
