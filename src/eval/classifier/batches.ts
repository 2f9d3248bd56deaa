import { tf } from '../../backend/tf.ts';
import type { EvalDataset } from '../types.ts';
import { createRandom } from '../../shared/random.ts';
import { MIRRORED_FACTOR_VALUES } from '../constants.ts';
import { factorsOf, type FactorTable } from '../readFactors.ts';
import type { LabelledBatch } from './trainClassifier.ts';
import type { HeadSpec } from './types.ts';

/**
 * Balanced training batches for the attribute classifier: half from the dataset's "with" stream
 * (label 1), half from "without" (label 0), from the endless shuffled streams.
 */
export function attributeBatches(dataset: EvalDataset, head: string, batchSize: number): () => Promise<LabelledBatch> {
  const half = Math.max(1, Math.floor(batchSize / 2));
  return async () => {
    const withImages = await dataset.next('with', half);
    const withoutImages = await dataset.next('without', half);
    const images = tf.concat([withImages, withoutImages]) as tf.Tensor4D;
    tf.dispose([withImages, withoutImages]);
    const labels = new Int32Array(images.shape[0]);
    labels.fill(1, 0, withImages.shape[0]);
    return { images, labels: { [head]: labels } };
  };
}

/**
 * Held-out batches: the first `perSide` images of each side in file order (unshuffled), so the
 * reported accuracy is reproducible. Streams one batch at a time.
 */
export async function* heldOutAttributeBatches(dataset: EvalDataset, head: string, perSide: number, batchSize: number): AsyncGenerator<LabelledBatch> {
  for (const side of ['with', 'without'] as const) {
    const total = Math.min(perSide, dataset.counts[side]);
    for (let start = 0; start < total; start += batchSize) {
      const { images } = await dataset.batchAt(side, start, Math.min(batchSize, total - start));
      if (images.shape[0] === 0) {
        images.dispose();
        continue;
      }
      yield { images, labels: { [head]: new Int32Array(images.shape[0]).fill(side === 'with' ? 1 : 0) } };
    }
  }
}

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
