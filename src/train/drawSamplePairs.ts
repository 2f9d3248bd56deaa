import { tf, type Tensor4D } from '../backend/tf.ts';
import { openDataset } from '../data/openDataset.ts';
import type { DatasetOptions } from '../data/types.ts';

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
