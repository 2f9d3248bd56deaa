/**
 * Balanced quantization of weights (Zhou et al. 2017, "Balanced Quantization: An Effective and
 * Efficient Approach to Quantized Neural Networks"; docs/quantization.md "Balanced quantizer",
 * (Q5)-(Q8), and "Equalisation", (Q9)):
 *   1. scale = max|W|;
 *   2. equalise: split the values into 2^k equally populated groups, either by the paper's cheap
 *      recursive partition at the mean (`meanGroups`) or exactly at the i/2^k percentiles
 *      (`percentileGroups`, the 'balanced-exact' method);
 *   3. inside each group g map the values affinely to r in [0, 1], W_e = (g + r) / 2^k, and take
 *      the code c = rtz(2^k W_e - 1/2);
 *   4. values w_q = scale * (2c - (2^k-1)) / (2^k-1) (see levels.ts `dequantize`).
 * Everything works on a tensor's data in element order; statistics are plain numbers (no gradient).
 */
import { checkBits, checkFinite, maxAbs } from './levels.ts';
import type { WeightCodes } from './types.ts';

/**
 * Balanced k-bit codes of one weight tensor: `exact` picks percentile groups ('balanced-exact'),
 * otherwise recursive means ('balanced'). 2^k evenly spaced levels in [-max|W|, max|W|].
 */
export function balancedCodes(values: ArrayLike<number>, bits: number, exact: boolean): WeightCodes {
  checkBits(bits, 'balanced quantizer bits');
  checkFinite(values, 'balanced quantizer weights');
  const groups = exact ? percentileGroups(values, bits) : meanGroups(values, bits);
  return { codes: equalizedLevels(values, groups, bits), scale: maxAbs(values), bits };
}

/**
 * The paper's cheap equalisation (step 2, recursive partition by the MEAN): k rounds of "split
 * every group at its mean", building a k-bit group id MSB first. Values >= the mean go to the
 * upper half (M_g = M * [W >= T]). Group ids are ordered like the values: every value of group g
 * is below every value of group g + 1.
 */
export function meanGroups(values: ArrayLike<number>, bits: number): Uint8Array {
  const groups = new Uint8Array(values.length);
  for (let level = 0; level < bits; level++) {
    const count = 2 ** level;
    const sum = new Float64Array(count);
    const size = new Float64Array(count);
    for (let i = 0; i < values.length; i++) {
      sum[groups[i]] += values[i];
      size[groups[i]] += 1;
    }
    for (let i = 0; i < values.length; i++) {
      const g = groups[i];
      groups[i] = 2 * g + (values[i] >= sum[g] / size[g] ? 1 : 0);
    }
  }
  return groups;
}

/**
 * Exact equalisation (step 2 with thresholds at the percentiles i/2^k, i.e. recursive medians):
 * group = number of thresholds t_i <= w, with t_i the value of rank ceil(i n / 2^k) in sorted
 * order. Distinct values give exactly n / 2^k per group (when 2^k divides n); equal values always
 * share a group.
 */
export function percentileGroups(values: ArrayLike<number>, bits: number): Uint8Array {
  const n = values.length;
  const groupCount = 2 ** bits;
  const sorted = Float64Array.from(values).sort();
  const thresholds: number[] = [];
  for (let i = 1; i < groupCount; i++) {
    const rank = Math.ceil((i * n) / groupCount);
    thresholds.push(rank < n ? sorted[rank] : Infinity);
  }
  const groups = new Uint8Array(n);
  for (let j = 0; j < n; j++) groups[j] = countAtMost(thresholds, values[j]);
  return groups;
}

/** Number of entries of the ascending `thresholds` that are <= v (binary search). */
function countAtMost(thresholds: number[], v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (thresholds[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * From group ids (ordered like the values) to level codes, steps 2-3: inside each leaf the values
 * map affinely to a residual r in [0, 1] (leaf min -> 0, leaf max -> 1), W_e = (group + r) / 2^k,
 * and code = rtz(2^k W_e - 1/2) = rtz(group + r - 1/2).
 * Consequence of the paper's round-half-toward-zero: the minimum of a leaf g >= 1 sits exactly on
 * the tie g - 1/2 and lands on level g - 1 (one value per leaf). A leaf holding a single distinct
 * value has no affine map; it gets r = 1/2, its own level.
 */
export function equalizedLevels(values: ArrayLike<number>, groups: Uint8Array, bits: number): Uint8Array {
  const count = 2 ** bits;
  const lo = new Float64Array(count).fill(Infinity);
  const hi = new Float64Array(count).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    lo[groups[i]] = Math.min(lo[groups[i]], values[i]);
    hi[groups[i]] = Math.max(hi[groups[i]], values[i]);
  }
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const g = groups[i];
    const width = hi[g] - lo[g];
    const r = width > 0 ? (values[i] - lo[g]) / width : 0.5;
    codes[i] = rtz(g + r - 0.5);
  }
  return codes;
}

/**
 * Round half toward zero: rtz(x) = sgn(x) * ceil(|x| - 1/2) (the paper's rounding in step 3).
 * Ties go toward zero: rtz(0.5) = 0, rtz(1.5) = 1, rtz(-1.5) = -1. Returns +0 for -0.5..0.5.
 */
export function rtz(x: number): number {
  const r = Math.sign(x) * Math.ceil(Math.abs(x) - 0.5);
  return r === 0 ? 0 : r;
}
