import { tf, type Tensor } from '../backend/tf.ts';
import type { Random } from '../shared/random.ts';

/** A tensor of N(0, stddev) values drawn from `random` (spec: "all kernels N(0, 0.02)"). */
export function normalInit(shape: number[], stddev: number, random: Random): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = random.normal() * stddev;
  return tf.tensor(values, shape);
}

/** A unit vector of shape [1, n] drawn from `random` (the start of spectral-norm power iteration). */
export function unitVectorInit(n: number, random: Random): Tensor {
  const values = new Float32Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    values[i] = random.normal();
    norm += values[i] * values[i];
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < n; i++) values[i] *= scale;
  return tf.tensor(values, [1, n]);
}
