import path from 'node:path';
import { alignToTemplate } from '../alignToTemplate.ts';
import { CACHE_DIR, CELEBA_FILES } from '../constants.ts';
import { DataError } from '../dataError.ts';
import { withCropCache } from '../cropCache.ts';
import { readCelebaTable, rowPoints } from './tables.ts';

export type CelebaImages = 'aligned' | 'wild';

/** Number of values per row of a 5-point landmark file. */
const LANDMARK_VALUES = 10;

/**
 * A loader for real CelebA images: decode, align by the image's 5 landmarks, return RGB
 * size x size. In-the-wild photos are large and slow to decode, so their aligned crops are kept
 * once on disk in DIR/.genegan-cache/wild-<size>/ (as PNG, lossless) and read from there later.
 */
export async function alignedCelebaLoader(dir: string, size: number, images: CelebaImages, ids: readonly string[]): Promise<(id: string) => Promise<Uint8Array>> {
  const landmarkFile = path.join(dir, images === 'aligned' ? CELEBA_FILES.alignedLandmarks : CELEBA_FILES.wildLandmarks);
  const table = await readCelebaTable(landmarkFile, 'the 5 landmarks of every image');
  if (table.header.length !== LANDMARK_VALUES) {
    throw new DataError(`${landmarkFile}:2: expected ${LANDMARK_VALUES} landmark columns, but got ${table.header.length}`);
  }
  const missing = ids.find((id) => !table.rows.has(id));
  if (missing !== undefined) throw new DataError(`${landmarkFile}: no landmarks for image ${missing}`);
  const folder = path.join(dir, images === 'aligned' ? CELEBA_FILES.alignedImages : CELEBA_FILES.wildImages);
  const align = async (id: string): Promise<Uint8Array> => alignToTemplate(path.join(folder, id), rowPoints(table.rows.get(id)!), size);
  if (images === 'aligned') return align;
  const cacheDir = path.join(dir, CACHE_DIR, `wild-${size}`);
  return withCropCache(cacheDir, size, align);
}
