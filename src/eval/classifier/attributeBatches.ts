import { tf } from '../../backend/tf.ts';
import type { EvalDataset } from '../types.ts';
import type { LabelledBatch } from './trainClassifier.ts';

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
