import { writeFile } from 'node:fs/promises';
import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import { encodeImage } from '../data/imageFiles.ts';
import { openDataset } from '../data/openDataset.ts';
import type { DatasetOptions } from '../data/types.ts';
import { tileImages } from '../model/images.ts';
import type { Genegan } from '../model/types.ts';

// The trainer's sample grids: fixed pairs drawn once, rendered every few iterations.

/** Seed offset of the sample stream, so it never mirrors the training stream. */
const SAMPLE_SEED_OFFSET = 7919;

/**
 * Fixed pairs for the trainer's sample grids, drawn once from the validation split (or, when that
 * has no images of a side, from a separately seeded training stream) so that drawing them does not
 * move the training stream. @returns NHWC [rows,S,S,3] in [0,1] each; the caller disposes them.
 */
export async function drawSamplePairs(dir: string, options: DatasetOptions, rows: number): Promise<{ au: Tensor4D; b0: Tensor4D; split: string }> {
  const seed = (options.seed ?? 0) + SAMPLE_SEED_OFFSET;
  for (const split of ['val', 'train'] as const) {
    let ds;
    try {
      ds = await openDataset(dir, { ...options, split, seed, flip: false, prefetch: 0 });
    } catch {
      continue;
    }
    try {
      const au = await ds.next('with', rows);
      const b0 = await ds.next('without', rows);
      return { au, b0, split };
    } finally {
      await ds.close();
    }
  }
  throw new Error(`${dir}: cannot draw sample pairs from the val or train split`);
}

export function disposePairs(p: { au: Tensor4D; b0: Tensor4D }): void {
  tf.dispose([p.au, p.b0]);
}

/** Columns of a sample grid, left to right (docs/training.md "Forward graph"). */
export const SAMPLE_COLUMNS = ['Au', 'B0', "Au'", "B0'", 'A0', 'Bu'] as const;

/**
 * One row per pair: Au, B0, Au' = Dec(A,x), B0' = Dec(B,0), A0 = Dec(A,0), Bu = Dec(B,x), in
 * inference mode (BN moving statistics: what users of the saved model get).
 * @param au, b0 NHWC [N,S,S,3] in [0,1]. @returns HWC grid in [0,1]; the caller disposes it.
 */
export function renderSampleGrid(model: Genegan, au: Tensor4D, b0: Tensor4D): Tensor3D {
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    const zero = tf.zerosLike(a.object);
    const cols = [au, b0, model.decode(a.background, a.object, false), model.decode(b.background, zero, false), model.decode(a.background, zero, false), model.decode(b.background, a.object, false)];
    const [n, s] = au.shape;
    const rows = tf.stack(cols, 1).reshape([n * cols.length, s, s, 3]) as Tensor4D;
    return tileImages(rows, cols.length);
  });
}

/** Renders the grid and writes it as PNG. */
export async function writeSampleGrid(file: string, model: Genegan, au: Tensor4D, b0: Tensor4D): Promise<void> {
  const grid = renderSampleGrid(model, au, b0);
  try {
    await writeFile(file, await encodeImage(grid, 'png'));
  } finally {
    grid.dispose();
  }
}
