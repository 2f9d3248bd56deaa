import { tf, type NamedTensorMap } from '../../backend/tf.ts';
import type { Fakes, LossRecord, StepGradients } from '../types.ts';

/** Batch sizes of `parts` near-equal shares of `n` (larger shares first; no empty share). */
export function shareSizes(n: number, parts: number): number[] {
  const used = Math.max(1, Math.min(parts, n));
  return Array.from({ length: used }, (_, i) => Math.floor(n / used) + (i < n % used ? 1 : 0));
}

/**
 * Consecutive slices of a batch, NHWC [N,...] -> [n_i,...] per share (caller disposes them).
 */
export function splitBatch<T extends tf.Tensor>(batch: T, sizes: number[]): T[] {
  return tf.split(batch, sizes, 0) as T[];
}

/**
 * One step's result from per-share results: gradients, losses and state proposals are averaged
 * with weights n_i / N (each share's loss is a mean over its samples, so this is the full batch's
 * gradient except for batch-norm statistics, which each share computes over its own samples; see
 * docs/engine.md "Parallel gradients"), fakes are concatenated in share order. Takes ownership of
 * the shares' tensors.
 */
export function combineShares(shares: Array<StepGradients & { fakes?: Fakes }>, sizes: number[]): StepGradients & { fakes?: Fakes } {
  const total = sizes.reduce((a, b) => a + b, 0);
  const weights = sizes.map((n) => n / total);
  try {
    return {
      losses: averageLosses(shares.map((s) => s.losses), weights),
      grads: averageMaps(shares.map((s) => s.grads), weights),
      stateUpdates: averageMaps(shares.map((s) => s.stateUpdates), weights),
      fakes: shares[0].fakes === undefined ? undefined : concatFakes(shares.map((s) => s.fakes as Fakes)),
    };
  } finally {
    for (const s of shares) {
      tf.dispose([...Object.values(s.grads), ...Object.values(s.stateUpdates)]);
      if (s.fakes !== undefined) tf.dispose([s.fakes.bu, s.fakes.a0]);
    }
  }
}

function averageLosses(records: LossRecord[], weights: number[]): LossRecord {
  const out: LossRecord = {};
  records.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v * weights[i];
  });
  return out;
}

function averageMaps(maps: NamedTensorMap[], weights: number[]): NamedTensorMap {
  const out: NamedTensorMap = {};
  for (const name of Object.keys(maps[0])) {
    out[name] = tf.tidy(() => {
      const parts = maps.map((m, i) => {
        const t = m[name];
        if (t === undefined) throw new Error(`parallel gradients: share ${i} has no "${name}"`);
        return tf.mul(t, weights[i]);
      });
      return parts.length === 1 ? parts[0] : tf.addN(parts);
    });
  }
  return out;
}

function concatFakes(fakes: Fakes[]): Fakes {
  return {
    bu: tf.concat(fakes.map((f) => f.bu), 0) as tf.Tensor4D,
    a0: tf.concat(fakes.map((f) => f.a0), 0) as tf.Tensor4D,
  };
}
