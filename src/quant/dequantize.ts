import { topLevel } from './checkBits.ts';
import type { WeightCodes } from './types.ts';

/**
 * Level codes back to values: w = scale * (2c - (2^k-1)) / (2^k-1) (spec "Balanced quantization"
 * step 4; DoReFa and mean-scaled levels have the same form). Exact in float32 up to its rounding
 * of that one expression, which every path (fake-quant, packed, low-bit) shares.
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
