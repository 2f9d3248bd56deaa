import { tf, type Tensor, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { FLOAT_ACTIVATION_BITS } from './types.ts';
import { isQuantizedLayer } from './generatorLayers.ts';
import { unpackGenerator } from './unpackGenerator.ts';
import { hostTensor4d } from './hostTensor4d.ts';
import type { GeneratorLayer, HostTensor, PackedGenerator } from './types.ts';

/**
 * The tensors of one generator layer on the fake-quantized float path: the dequantized kernel
 * (values on the 2^k levels), BN parameters / moving statistics or the bias, and the input
 * activation bits (null = float input), exactly as src/model's QAT forward uses them.
 */
export interface FloatLayer {
  layer: GeneratorLayer;
  inputBits: number | null;
  kernel: Tensor4D;
  bn: { gamma: Tensor1D; beta: Tensor1D; mean: Tensor1D; variance: Tensor1D } | null;
  bias: Tensor1D | null;
}

export function floatLayers(layers: GeneratorLayer[], packed: PackedGenerator): FloatLayer[] {
  const values = unpackGenerator(packed);
  const get = (name: string): HostTensor => {
    const t = values.get(name);
    if (t === undefined) throw new Error(`packed generator: expected a tensor "${name}", but there is none`);
    return t;
  };
  const vec = (name: string) => tf.tensor1d(get(name).values);
  return layers.map((layer) => ({
    layer,
    inputBits: isQuantizedLayer(layer, packed.quant.floatFirstLast) && packed.quant.abits < FLOAT_ACTIVATION_BITS ? packed.quant.abits : null,
    kernel: hostTensor4d(get(`${layer.name}/kernel`).values, get(`${layer.name}/kernel`).shape),
    bn: layer.bn
      ? { gamma: vec(`${layer.name}/bn/gamma`), beta: vec(`${layer.name}/bn/beta`), mean: vec(`${layer.name}/bn/moving_mean`), variance: vec(`${layer.name}/bn/moving_variance`) }
      : null,
    bias: layer.bias ? vec(`${layer.name}/bias`) : null,
  }));
}

export function disposeFloatLayer(l: FloatLayer): void {
  const tensors: Tensor[] = [l.kernel, ...(l.bn === null ? [] : Object.values(l.bn))];
  if (l.bias !== null) tensors.push(l.bias);
  tf.dispose(tensors);
}
