import type { Tensor4D } from '../backend/tf.ts';
import { fakeQuantActivation, fakeQuantWeight } from '../quant/fakeQuant.ts';
import { FLOAT_ACTIVATION_BITS } from './constants.ts';
import { FLOAT_QUANT, type GeneratorQuant } from './generatorQuant.ts';
import type { QuantConfig } from '../quant/types.ts';

/**
 * The generator's kernel/input transforms for config.quant (spec/quantization.md,
 * quantization-aware training). Rule, mirrored by the packed low-bit path: a quantized layer —
 * every encoder conv and decoder deconv, except the first (encoder conv1) and the last (decoder's
 * RGB deconv) when floatFirstLast — uses fakeQuantWeight(kernel, method, wbits) and sees its input
 * through fakeQuantActivation(input, abits) (clip to [0,1], k-bit) unless abits is 32 (float).
 * BN parameters and the output bias stay float; critics are never quantized.
 */
export function createGeneratorQuant(quant: QuantConfig | undefined): GeneratorQuant {
  if (quant === undefined) return FLOAT_QUANT;
  const q = { ...quant };
  const quantized = (edge: boolean) => !(edge && q.floatFirstLast);
  return {
    kernel: (w, edge) => (quantized(edge) ? fakeQuantWeight(w, q.method, q.wbits) : w),
    input: (x, edge) => (quantized(edge) && q.abits < FLOAT_ACTIVATION_BITS ? (fakeQuantActivation(x, q.abits) as Tensor4D) : x),
  };
}
