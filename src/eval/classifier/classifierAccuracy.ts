import { tf } from '../../backend/tf.ts';
import { classify } from './classify.ts';
import type { LabelledBatch } from './trainClassifier.ts';
import type { Classifier } from './types.ts';

/**
 * Share of images whose arg-max class equals the label, per head, over held-out batches
 * (streamed: one batch in memory at a time; each batch's images are disposed here).
 */
export async function classifierAccuracy(
  classifier: Classifier,
  batches: AsyncIterable<LabelledBatch>,
): Promise<{ images: number; accuracy: Record<string, number> }> {
  const correct: Record<string, number> = Object.fromEntries(classifier.config.heads.map((h) => [h.name, 0]));
  let images = 0;
  for await (const batch of batches) {
    const predicted = tf.tidy(() => {
      const { logits } = classify(classifier, batch.images);
      return Object.fromEntries(Object.entries(logits).map(([name, l]) => [name, tf.argMax(l, 1)]));
    });
    for (const head of classifier.config.heads) {
      const p = (await predicted[head.name].data()) as Int32Array;
      const labels = batch.labels[head.name];
      for (let i = 0; i < p.length; i++) if (p[i] === labels[i]) correct[head.name]++;
    }
    images += batch.images.shape[0];
    tf.dispose([batch.images, ...Object.values(predicted)]);
  }
  if (images === 0) throw new Error('classifier accuracy: expected held-out images, but got none');
  return { images, accuracy: Object.fromEntries(Object.entries(correct).map(([k, c]) => [k, c / images])) };
}
