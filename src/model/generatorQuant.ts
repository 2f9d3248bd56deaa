import type { Tensor, Tensor4D } from '../backend/tf.ts';

/**
 * How a generator layer sees its kernel and its input. Float models pass both through; with
 * config.quant (quantization-aware training, spec/quantization.md) a quantized layer uses a
 * fake-quantized kernel and a fake-quantized input activation (see createGeneratorQuant.ts).
 */
export interface GeneratorQuant {
  kernel(w: Tensor, edge: boolean): Tensor;
  input(x: Tensor4D, edge: boolean): Tensor4D;
}

/** The float generator. */
export const FLOAT_QUANT: GeneratorQuant = {
  kernel: (w) => w,
  input: (x) => x,
};
