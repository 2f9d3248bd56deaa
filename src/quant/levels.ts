/**
 * The k-bit level grid every quantizer of the library shares (docs/quantization.md "Levels and
 * codes", (Q1)): 2^k evenly spaced levels in [-scale, scale], stored as integer codes
 * c in 0..2^k-1 and read back as w = scale * (2c - (2^k-1)) / (2^k-1). Also the checks and the
 * plain statistics (max|W|, mean|W|, level occupancy) the quantizers compute on host arrays.
 * Statistics are plain numbers: no gradient flows through them.
 */
import { UserError } from '../shared/errors.ts';
import type { WeightCodes } from './types.ts';

/** Bit widths the library supports per tensor (k = 1..8). */
export const MIN_BITS = 1;
export const MAX_BITS = 8;

/**
 * Throws a clear error unless `bits` is an integer in 1..8.
 * `what` names the caller's field, e.g. "fakeQuantWeight bits" or "--bits".
 */
export function checkBits(bits: number, what: string): void {
  if (!Number.isInteger(bits) || bits < MIN_BITS || bits > MAX_BITS) {
    throw new UserError('bad_bits', `${what}: expected an integer from ${MIN_BITS} to ${MAX_BITS}, but got ${String(bits)}`);
  }
}

/** Throws a clear error naming the first non-finite element (weights must be finite to quantize). */
export function checkFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${what}: expected finite values, but got ${values[i]} at element ${i}`);
    }
  }
}

/** Number of levels minus one, 2^k - 1: the denominator of every k-bit uniform grid. */
export function topLevel(bits: number): number {
  return 2 ** bits - 1;
}

/**
 * Level codes back to values: w = scale * (2c - (2^k-1)) / (2^k-1) (balanced quantization, Zhou et
 * al. 2017, step 4; DoReFa and mean-scaled levels have the same form). Exact in float32 up to its
 * rounding of that one expression, which every path (fake-quant, packed, low-bit) shares.
 * Output: one float32 per code, in the codes' (row-major) order.
 */
export function dequantize(q: WeightCodes): Float32Array {
  const top = topLevel(q.bits);
  const out = new Float32Array(q.codes.length);
  for (let i = 0; i < q.codes.length; i++) out[i] = levelValue(q.codes[i], q.scale, top);
  return out;
}

/** The value of one level code c for a scale and top level 2^k - 1. */
export function levelValue(code: number, scale: number, top: number): number {
  return (scale * (2 * code - top)) / top;
}

/** max |v| over all elements (0 for an empty array). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** mean |v| over all elements (0 for an empty array). */
export function meanAbs(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]);
  return values.length === 0 ? 0 : s / values.length;
}

/**
 * Share of codes on each of the 2^k levels, and its entropy in bits (docs/quantization.md,
 * "Level occupancy": balanced-exact gives ~1/2^k each, entropy ~k bits; uniform leaves outer
 * levels nearly empty).
 */
export function levelOccupancy(codes: Uint8Array, bits: number): { shares: number[]; entropyBits: number } {
  const counts = new Array<number>(2 ** bits).fill(0);
  for (const c of codes) counts[c] += 1;
  const shares = counts.map((n) => (codes.length === 0 ? 0 : n / codes.length));
  const entropyBits = -shares.reduce((s, p) => (p > 0 ? s + p * Math.log2(p) : s), 0);
  return { shares, entropyBits };
}
