import type { GeneganConfig } from '../model/types.ts';
import { generatorLayers, isQuantizedLayer } from './generatorLayers.ts';
import { weightCodes } from './fakeQuant.ts';
import type { HostTensor, PackedGenerator, PackedTensor, QuantConfig } from './types.ts';

/**
 * Post-training quantization of a generator: every conv kernel of a quantized layer (all of them,
 * or all but the first and last with floatFirstLast) becomes k-bit level codes with the chosen
 * method (per tensor, spec/quantization.md); every other tensor (BN, biases, float edge kernels)
 * is kept as float32. `weights` maps src/model variable names to host tensors.
 */
export function quantizeGenerator(weights: Map<string, HostTensor>, config: Pick<GeneganConfig, 'imageSize'>, quant: QuantConfig): PackedGenerator {
  const kernels = new Map<string, PackedTensor>();
  const floats = new Map(weights);
  for (const layer of generatorLayers(config)) {
    const name = `${layer.name}/kernel`;
    const kernel = weights.get(name);
    if (kernel === undefined) throw new Error(`quantizeGenerator: expected a generator weight "${name}", but the model has none`);
    if (!isQuantizedLayer(layer, quant.floatFirstLast)) continue;
    kernels.set(name, { ...weightCodes(kernel.values, quant.method, quant.wbits), shape: [...kernel.shape] });
    floats.delete(name);
  }
  return { quant: { ...quant }, kernels, floats };
}
