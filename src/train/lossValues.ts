import { tf, type Tensor } from '../backend/tf.ts';
import type { LossRecord } from './types.ts';

/** Reads named scalar tensors in one download, adds `total` (their sum) and disposes them. */
export function lossValues(terms: Record<string, Tensor>): LossRecord {
  const names = Object.keys(terms);
  const values = tf.tidy(() => tf.stack(names.map((n) => tf.reshape(terms[n], []))).dataSync());
  tf.dispose(Object.values(terms));
  const out: LossRecord = {};
  let total = 0;
  names.forEach((n, i) => {
    out[n] = values[i];
    total += values[i];
  });
  out.total = total;
  return out;
}
