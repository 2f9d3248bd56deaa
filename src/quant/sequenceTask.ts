import { tf, type Tensor3D } from '../backend/tf.ts';
import { mulberry32 } from '../shared/random.ts';
import { createQuantDense, type QuantDense, type RecurrentLayer } from './recurrent.ts';

/**
 * A small sequence task for the recurrent cells: inputs are random bits x_t, the target at step
 * t >= delay is x_{t-1} XOR x_{t-delay} — it needs memory and a nonlinearity, and a few hundred
 * Adam steps on a 16-unit layer learn it.
 */
export interface SequenceTaskOptions {
  iterations: number;
  batch: number;
  steps: number;
  delay: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_SEQUENCE_TASK: SequenceTaskOptions = { iterations: 300, batch: 32, steps: 10, delay: 2, learningRate: 0.03, seed: 1 };

/** Bits [N, T, 1] as float 0/1 and labels [N, T] (int, valid from t = delay). */
export function sequenceBatch(n: number, steps: number, delay: number, next: () => number): { xs: Tensor3D; labels: number[][] } {
  const bits = Array.from({ length: n }, () => Array.from({ length: steps }, () => (next() < 0.5 ? 0 : 1)));
  const labels = bits.map((row) => row.map((_, t) => (t >= delay ? row[t - 1] ^ row[t - delay] : 0)));
  return { xs: tf.tensor3d(bits.map((row) => row.map((b) => [b]))), labels };
}

/**
 * Trains `layer` + a 2-way softmax readout (quantized like the layer) on the task and returns the
 * final training loss and the accuracy on a fresh batch of 256 sequences (steps t >= delay).
 */
export function trainSequenceTask(layer: RecurrentLayer, options: Partial<SequenceTaskOptions> = {}): { loss: number; accuracy: number } {
  const o = { ...DEFAULT_SEQUENCE_TASK, ...options };
  const next = mulberry32(o.seed);
  const readout = createQuantDense(layer.config.units, 2, layer.config.bits, (layer.config.seed ?? 0) + 100);
  const optimizer = tf.train.adam(o.learningRate);
  const vars = [...layer.variables(), ...readout.variables()];
  let loss = NaN;
  for (let i = 0; i < o.iterations; i++) {
    const { xs, labels } = sequenceBatch(o.batch, o.steps, o.delay, next);
    const cost = optimizer.minimize(() => taskLoss(layer, readout, xs, labels, o.delay), true, vars);
    loss = (cost as tf.Scalar).dataSync()[0];
    tf.dispose([xs, cost as tf.Scalar]);
  }
  const accuracy = evaluate(layer, readout, o, next);
  optimizer.dispose();
  readout.dispose();
  return { loss, accuracy };
}

function taskLoss(layer: RecurrentLayer, readout: QuantDense, xs: Tensor3D, labels: number[][], delay: number): tf.Scalar {
  const logits = readout.apply(layer.run(xs)).slice([0, delay, 0], [-1, -1, -1]);
  const onehot = tf.oneHot(tf.tensor2d(labels, undefined, 'int32').slice([0, delay], [-1, -1]), 2);
  return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
}

function evaluate(layer: RecurrentLayer, readout: QuantDense, o: SequenceTaskOptions, next: () => number): number {
  const { xs, labels } = sequenceBatch(256, o.steps, o.delay, next);
  const predicted = tf.tidy(() => readout.apply(layer.run(xs)).argMax(2).arraySync() as number[][]);
  xs.dispose();
  let right = 0;
  let total = 0;
  predicted.forEach((row, n) => row.forEach((p, t) => {
    if (t < o.delay) return;
    total += 1;
    if (p === labels[n][t]) right += 1;
  }));
  return right / total;
}
