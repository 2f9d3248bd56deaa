import { checkBits } from './checkBits.ts';
import { checkFinite } from './checkFinite.ts';
import { equalizedLevels } from './equalizedLevels.ts';
import { maxAbs } from './maxAbs.ts';
import { meanGroups } from './meanGroups.ts';
import { percentileGroups } from './percentileGroups.ts';
import type { WeightCodes } from './types.ts';

/**
 * Balanced k-bit quantization of one weight tensor (spec "Balanced quantization of weights"):
 * equalise into 2^k equally populated bins (exact percentiles, or the paper's recursive-mean
 * approximation), then quantize uniformly. Values: w_q = scale * (2c - (2^k-1)) / (2^k-1) with
 * scale = max|W| (step 1; 2^k evenly spaced levels in [-scale, scale], step 4).
 * `values` is any tensor's data in element order; statistics are plain numbers (no gradient).
 */
export function balancedCodes(values: ArrayLike<number>, bits: number, exact: boolean): WeightCodes {
  checkBits(bits, 'balanced quantizer bits');
  checkFinite(values, 'balanced quantizer weights');
  const groups = exact ? percentileGroups(values, bits) : meanGroups(values, bits);
  return { codes: equalizedLevels(values, groups, bits), scale: maxAbs(values), bits };
}
