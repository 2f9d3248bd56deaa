import { tf, type Tensor4D } from '../backend/tf.ts';
import type { EvalDataset } from './types.ts';

/** A batch of evaluation pairs (Au[i], B0[i]) with the images' ids. */
export interface PairBatch {
  /** NHWC [N, S, S, 3] in [0, 1]; disposed by the generator when the consumer asks for the next batch. */
  au: Tensor4D;
  b0: Tensor4D;
  auIds: string[];
  b0Ids: string[];
}

/**
 * The first `pairs` images of each side of the split, in file order, paired by position
 * (Au i with B0 i): deterministic, and every image is visited once (bounded memory: one batch).
 * Unreadable images are skipped by the dataset; their partners are dropped with them.
 */
export async function* pairBatches(dataset: EvalDataset, pairs: number, batchSize: number): AsyncGenerator<PairBatch> {
  const total = Math.min(pairs, dataset.counts.with, dataset.counts.without);
  for (let start = 0; start < total; start += batchSize) {
    const count = Math.min(batchSize, total - start);
    const a = await dataset.batchAt('with', start, count);
    const b = await dataset.batchAt('without', start, count);
    const n = Math.min(a.ids.length, b.ids.length);
    const au = n === a.ids.length ? a.images : (tf.slice(a.images, 0, n) as Tensor4D);
    const b0 = n === b.ids.length ? b.images : (tf.slice(b.images, 0, n) as Tensor4D);
    if (au !== a.images) a.images.dispose();
    if (b0 !== b.images) b.images.dispose();
    try {
      if (n > 0) yield { au, b0, auIds: a.ids.slice(0, n), b0Ids: b.ids.slice(0, n) };
    } finally {
      tf.dispose([au, b0]);
    }
  }
}

/** Pairs an evaluation will score: --n capped by the smaller side of the split. */
export function pairCount(dataset: EvalDataset, requested: number): number {
  return Math.min(requested, dataset.counts.with, dataset.counts.without);
}

/**
 * The image ids of the pairs pairBatches visits (Au i with B0 i, file order) when every image is
 * readable, as synthetic sets are: what `genegan synth --counterfactuals` draws the truths of.
 */
export function pairIds(dataset: Pick<EvalDataset, 'ids' | 'counts'>, requested: number): Array<{ au: string; b0: string }> {
  const n = Math.min(requested, dataset.counts.with, dataset.counts.without);
  const au = dataset.ids('with');
  const b0 = dataset.ids('without');
  return Array.from({ length: n }, (_, i) => ({ au: au[i], b0: b0[i] }));
}
