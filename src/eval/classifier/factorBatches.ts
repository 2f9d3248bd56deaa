import { tf } from '../../backend/tf.ts';
import { createRandom } from '../../shared/random.ts';
import { MIRRORED_FACTOR_VALUES } from '../constants.ts';
import { factorsOf, type FactorTable } from '../readFactors.ts';
import type { EvalDataset } from '../types.ts';
import type { LabelledBatch } from './trainClassifier.ts';
import type { HeadSpec } from './types.ts';

/**
 * Heads for the factors classifier: one per factor column, its labels the distinct values the
 * "with" images carry (sorted, so the order is reproducible).
 */
export function factorHeads(table: FactorTable, ids: readonly string[]): HeadSpec[] {
  return table.columns.map((name, c) => {
    const values = new Set(ids.map((id) => factorsOf(table, id)[c]));
    return { name, labels: [...values].sort() };
  });
}

/**
 * Labels of a batch of images, per head. A value the head has no label for (seen only in held-out
 * data) is -1: it contributes no loss in training and always counts as wrong in accuracy.
 * `mirrored`: the images were flipped horizontally, so chiral values swap (MIRRORED_FACTOR_VALUES).
 */
export function factorLabels(table: FactorTable, heads: HeadSpec[], ids: readonly string[], mirrored = false): Record<string, Int32Array> {
  return Object.fromEntries(
    heads.map((head, c) => {
      const value = (id: string) => {
        const v = factorsOf(table, id)[c];
        return mirrored ? (MIRRORED_FACTOR_VALUES[head.name]?.[v] ?? v) : v;
      };
      const labels = Int32Array.from(ids, (id) => head.labels.indexOf(value(id)));
      return [head.name, labels];
    }),
  );
}

/**
 * Training batches of "with" images (the ones that carry the factors): a seeded random window of
 * the id list per step (synthetic faces are drawn independently, so a window is a random sample).
 */
export function factorBatches(dataset: EvalDataset, table: FactorTable, heads: HeadSpec[], batchSize: number, seed: number): () => Promise<LabelledBatch> {
  const random = createRandom(seed);
  const total = dataset.counts.with;
  return async () => {
    const start = Math.floor(random.uniform() * Math.max(1, total - batchSize + 1));
    const { images, ids } = await dataset.batchAt('with', start, Math.min(batchSize, total - start));
    const flipped = random.uniform() < 0.5 ? tf.tidy(() => tf.reverse(images, 2)) as tf.Tensor4D : null;
    if (flipped) images.dispose();
    return { images: flipped ?? images, labels: factorLabels(table, heads, ids, flipped !== null) };
  };
}

/** Held-out batches: the first `count` "with" images in file order. */
export async function* heldOutFactorBatches(dataset: EvalDataset, table: FactorTable, heads: HeadSpec[], count: number, batchSize: number): AsyncGenerator<LabelledBatch> {
  const total = Math.min(count, dataset.counts.with);
  for (let start = 0; start < total; start += batchSize) {
    const { images, ids } = await dataset.batchAt('with', start, Math.min(batchSize, total - start));
    yield { images, labels: factorLabels(table, heads, ids) };
  }
}
