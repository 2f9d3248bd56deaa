/**
 * The uniform k-bit weight quantizers (docs/quantization.md "Uniform quantizer (DoReFa)",
 * (Q2)-(Q4), and "Mean-scaled quantizer (bit-rnn)", (Q10)): DoReFa-Net's
 * (Zhou et al. 2016), the library's 'uniform' method (DoReFa's levels rescaled to max|W|), and
 * bit-rnn's mean-scaled quantizer (He et al. 2016). All round like TensorFlow's `round` (half to
 * even) and give 2^k evenly spaced levels, read back with levels.ts `dequantize`.
 * Inputs are a tensor's data in element order; statistics are plain numbers (no gradient).
 */
import { checkBits, checkFinite, maxAbs, meanAbs, topLevel } from './levels.ts';
import type { WeightCodes } from './types.ts';

/**
 * bit-rnn's mean-based scale: s = 2.5 * mean|x|; for Gaussian values s is about 2 sigma, so the
 * 2-bit thresholds land near the quartiles.
 */
export const MEAN_SCALE_FACTOR = 2.5;

/**
 * DoReFa's uniform k-bit weight quantizer.
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

/**
 * The library's 'uniform' method: DoReFa's level placement (doReFaCodes), with the k > 1 levels
 * rescaled from [-1, 1] to [-max|W|, max|W|] — the same range balanced quantization uses. Why:
 * DoReFa's levels are scale-free (+-1), which a following batch norm absorbs during QAT, but a
 * float-trained model quantized after training would see its weights inflated ~1/max|W| times
 * (tens of times for N(0, 0.02) kernels) and its output collapse; with the rescale, post-training
 * and QAT comparisons against balanced quantization are like for like. Codes are DoReFa's
 * unchanged; k = 1 keeps sign(W) * mean|W|. All-zero tensors keep scale 1.
 */
export function uniformCodes(values: ArrayLike<number>, bits: number): WeightCodes {
  const q = doReFaCodes(values, bits);
  if (bits === 1) return q;
  const range = maxAbs(values);
  return { ...q, scale: range > 0 ? range : 1 };
}

/**
 * bit-rnn's mean-scaled quantizer: s = 2.5 mean|x| (no gradient),
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

/**
 * Round half to even, the rounding of TensorFlow's (and tfjs's) `round`, which DoReFa's
 * quantize_k uses; the JS weight path uses it so it agrees with the in-graph activation path.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}
