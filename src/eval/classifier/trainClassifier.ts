import { tf, type Tensor4D } from '../../backend/tf.ts';
import { classify } from './network.ts';
import type { Classifier } from './types.ts';

type Scalar = tf.Scalar;

/** One training or evaluation batch: images and, per head, the class index of every image. */
export interface LabelledBatch {
  /** NHWC float32 [N, H, W, 3] in [0, 1]; consumed (disposed) by the trainer. */
  images: Tensor4D;
  /** Per head name, N class indices into that head's labels. */
  labels: Record<string, Int32Array>;
}

export interface TrainClassifierOptions {
  steps: number;
  learningRate: number;
  /** Called every `logEvery` steps with the mean training loss since the last call. */
  onLog?: (step: number, loss: number) => void;
  logEvery?: number;
}

/**
 * Trains all heads jointly with Adam on the sum of the heads' softmax cross-entropies.
 * `nextBatch(step)` supplies fresh labelled batches; returns the mean loss of the last log window.
 */
export async function trainClassifier(
  classifier: Classifier,
  nextBatch: (step: number) => Promise<LabelledBatch>,
  options: TrainClassifierOptions,
): Promise<number> {
  const optimizer = tf.train.adam(options.learningRate);
  const varList = Object.values(classifier.variables);
  const logEvery = options.logEvery ?? 50;
  let windowLoss = 0;
  let windowSteps = 0;
  let lastMean = NaN;
  try {
    for (let step = 1; step <= options.steps; step++) {
      const batch = await nextBatch(step);
      const lossTensor = optimizer.minimize(() => batchLoss(classifier, batch), true, varList) as Scalar;
      windowLoss += (await lossTensor.data())[0];
      windowSteps++;
      tf.dispose([lossTensor, batch.images]);
      if (step % logEvery === 0 || step === options.steps) {
        lastMean = windowLoss / windowSteps;
        options.onLog?.(step, lastMean);
        windowLoss = 0;
        windowSteps = 0;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return lastMean;
}

/** Sum over heads of the mean softmax cross-entropy against one-hot labels. */
export function batchLoss(classifier: Classifier, batch: LabelledBatch): Scalar {
  const n = batch.images.shape[0];
  const { logits } = classify(classifier, batch.images);
  const losses = classifier.config.heads.map((head) => {
    const labels = batch.labels[head.name];
    if (labels === undefined || labels.length !== n) {
      throw new Error(`classifier batch: expected ${n} labels for head "${head.name}", but got ${labels?.length ?? 'none'}`);
    }
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), head.labels.length);
    return tf.losses.softmaxCrossEntropy(oneHot, logits[head.name]);
  });
  return tf.addN(losses) as Scalar;
}

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
