import { checkBits, topLevel } from './checkBits.ts';
import { checkFinite } from './checkFinite.ts';
import { maxAbs, meanAbs } from './maxAbs.ts';
import { roundHalfEven } from './rtz.ts';
import type { WeightCodes } from './types.ts';

/**
 * DoReFa's uniform k-bit weight quantizer (spec "Uniform k-bit quantizer (DoReFa)").
 * k > 1: W_q = 2 quantize_k(tanh(W) / (2 max|tanh W|) + 1/2) - 1, so c = round((2^k-1) u) and
 *   scale = 1 (levels (2c - (2^k-1)) / (2^k-1) in [-1, 1]).
 * k = 1: W_q = sign(W) * E with E = mean|W|: c = 1 for W >= 0 (sign(0) taken as +1 so there are
 *   exactly two levels), scale = E.
 * An all-zero tensor has max|tanh W| = 0; it is treated as 1 (every u = 1/2) instead of dividing by 0.
 */
export function doReFaCodes(values: ArrayLike<number>, bits: number): WeightCodes {
  checkBits(bits, 'uniform (DoReFa) quantizer bits');
  checkFinite(values, 'uniform (DoReFa) quantizer weights');
  const codes = new Uint8Array(values.length);
  if (bits === 1) {
    for (let i = 0; i < values.length; i++) codes[i] = values[i] >= 0 ? 1 : 0;
    return { codes, scale: meanAbs(values), bits };
  }
  const top = topLevel(bits);
  const m = doReFaRange(values);
  for (let i = 0; i < values.length; i++) {
    codes[i] = roundHalfEven(top * (Math.tanh(values[i]) / (2 * m) + 0.5));
  }
  return { codes, scale: 1, bits };
}

/** max|tanh W| (= tanh(max|W|), tanh being odd and increasing), or 1 for an all-zero tensor. */
export function doReFaRange(values: ArrayLike<number>): number {
  const m = Math.tanh(maxAbs(values));
  return m > 0 ? m : 1;
}
