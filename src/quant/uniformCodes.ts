import { doReFaCodes } from './doReFaCodes.ts';
import { maxAbs } from './maxAbs.ts';
import type { WeightCodes } from './types.ts';

/**
 * The library's 'uniform' method: DoReFa's level placement (doReFaCodes, spec "Uniform k-bit
 * quantizer"), with the k > 1 levels rescaled from [-1, 1] to [-max|W|, max|W|] — the same range
 * balanced quantization uses. Why: DoReFa's levels are scale-free (+-1), which a following batch
 * norm absorbs during QAT, but a float-trained model quantized after training would see its
 * weights inflated ~1/max|W| times (tens of times for N(0, 0.02) kernels) and its output collapse;
 * with the rescale, post-training and QAT comparisons against balanced quantization are like for
 * like. Codes are DoReFa's unchanged; k = 1 keeps sign(W) * mean|W|. All-zero tensors keep scale 1.
 */
export function uniformCodes(values: ArrayLike<number>, bits: number): WeightCodes {
  const q = doReFaCodes(values, bits);
  if (bits === 1) return q;
  const range = maxAbs(values);
  return { ...q, scale: range > 0 ? range : 1 };
}
