import { rtz } from './rtz.ts';

/**
 * From group ids (ordered like the values) to level codes, as spec "Balanced quantization" steps
 * 2-3 state: inside each leaf the values map affinely to a residual r in [0, 1] (leaf min -> 0,
 * leaf max -> 1), W_e = (group + r) / 2^k, and code = rtz(2^k W_e - 1/2) = rtz(group + r - 1/2).
 * Consequence of the spec's round-half-toward-zero: the minimum of a leaf g >= 1 sits exactly on
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
