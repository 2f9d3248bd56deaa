import { existsSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, DATASET_DEFAULTS } from '../constants.ts';
import { detectedFaceLoader } from '../detectedFaceLoader.ts';
import { DataError } from '../dataError.ts';
import { listImages, readRgb } from '../imageFiles.ts';
import { splitByName } from '../splitByName.ts';
import type { DatasetOptions, ImageSource, Side } from '../types.ts';

const SIDES: readonly Side[] = ['with', 'without'];

/**
 * A user's own data: ROOT/with/* and ROOT/without/* (jpg, png, webp, also in sub-folders).
 * Images are taken as already aligned and resized to the model size, or with `detectFaces` go
 * through the face pipeline (detect, align, crop cached once); the split comes from a hash
 * of each file's path (80/10/10), since there is no partition file.
 */
export async function openFolder(root: string, options: DatasetOptions): Promise<ImageSource> {
  const split = options.split ?? DATASET_DEFAULTS.split;
  const ids: Record<Side, string[]> = { with: [], without: [] };
  for (const side of SIDES) {
    const dir = path.join(root, side);
    if (!existsSync(dir)) throw new DataError(`${root}: expected a folder ${side}/ (folder layout: with/ and without/)`);
    const files = await listImages(dir);
    ids[side] = files.filter((f) => splitByName(f) === split).map((f) => path.join(side, f));
  }
  const size = options.imageSize;
  const load = options.detectFaces
    ? detectedFaceLoader(root, size, path.join(root, CACHE_DIR, `detect-${size}`))
    : async (id: string) => (await readRgb(path.join(root, id), size)).data;
  return { layout: 'folder', imageSize: size, attribute: options.attribute ?? path.basename(path.resolve(root)), split, ids, load };
}
