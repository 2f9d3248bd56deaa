import { FLOAT_QUANT, type GeneratorQuant } from './generatorQuant.ts';
import type { QuantConfig } from '../quant/types.ts';

/**
 * The generator's kernel/input transforms for config.quant (spec/quantization.md).
 * Rule: a quantized layer (every generator layer, except the first and last when floatFirstLast)
 * uses fakeQuantWeight(kernel) and sees fakeQuantActivation(input) when abits < 32.
 */
export function createGeneratorQuant(quant: QuantConfig | undefined): GeneratorQuant {
  if (quant === undefined) return FLOAT_QUANT;
  throw new Error('quantization-aware training is not wired yet (waiting for src/quant/fakeQuantWeight.ts)');
}
