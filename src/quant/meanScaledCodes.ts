import { checkBits, topLevel } from './checkBits.ts';
import { checkFinite } from './checkFinite.ts';
import { MEAN_SCALE_FACTOR } from './constants.ts';
import { meanAbs } from './maxAbs.ts';
import { roundHalfEven } from './rtz.ts';
import type { WeightCodes } from './types.ts';

/**
 * bit-rnn's mean-scaled quantizer (spec "Recurrent networks"): s = 2.5 mean|x| (no gradient),
 * Q(x) = s (quantize_k(clip(x/s, -1/2, 1/2) + 1/2) - 1/2). With c = round((2^k-1) u) that is
 * Q = (s/2) (2c - (2^k-1)) / (2^k-1), so scale = s/2. The RNN cells apply it to tanh(W).
 * An all-zero input (s = 0) maps to u = 1/2.
 */
export function meanScaledCodes(values: ArrayLike<number>, bits: number): WeightCodes {
  checkBits(bits, 'mean-scaled quantizer bits');
  checkFinite(values, 'mean-scaled quantizer input');
  const s = MEAN_SCALE_FACTOR * meanAbs(values);
  const top = topLevel(bits);
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const t = s > 0 ? Math.min(0.5, Math.max(-0.5, values[i] / s)) : 0;
    codes[i] = roundHalfEven(top * (t + 0.5));
  }
  return { codes, scale: s / 2, bits };
}
