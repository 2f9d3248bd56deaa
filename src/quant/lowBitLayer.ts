import { tf, type Tensor, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { BN_EPSILON } from '../model/constants.ts';
import { topLevel } from './levels.ts';
import { FLOAT_ACTIVATION_BITS } from './types.ts';
import { isQuantizedLayer } from './generatorLayers.ts';
import { hostTensor4d } from './hostTensor4d.ts';
import type { GeneratorLayer, HostTensor, PackedGenerator } from './types.ts';

/**
 * The tensors one generator layer needs on the low-bit path: the kernel as integer codes
 * (2c - (2^k-1), float32) — or as float for a float edge layer — and
 * a per-channel affine y = z * mul + add that folds the weight scale / (2^k-1), the activation
 * scale 1 / (2^a-1) and batch norm (moving statistics) or the output bias.
 */
export interface LowBitLayer {
  layer: GeneratorLayer;
  /** Activation bits of the layer input, or null when the input stays float. */
  inputBits: number | null;
  /** Integer-code (or float edge) kernel in src/model's layout: [4,4,Cin,Cout] down, [4,4,Cout,Cin] up. */
  kernel: Tensor4D;
  mul: Tensor1D;
  add: Tensor1D;
}

export function lowBitLayer(layer: GeneratorLayer, packed: PackedGenerator): LowBitLayer {
  const quantized = isQuantizedLayer(layer, packed.quant.floatFirstLast);
  const inputBits = quantized && packed.quant.abits < FLOAT_ACTIVATION_BITS ? packed.quant.abits : null;
  const { kernel, scale } = integerKernel(layer, packed);
  const total = scale / (inputBits === null ? 1 : topLevel(inputBits));
  const { mul, add } = foldAffine(layer, packed, total);
  return { layer, inputBits, kernel, mul, add };
}

/** Integer codes 2c - (2^k-1) with scale / (2^k-1), or the float kernel with scale 1. */
function integerKernel(layer: GeneratorLayer, packed: PackedGenerator): { kernel: Tensor4D; scale: number } {
  const name = `${layer.name}/kernel`;
  const q = packed.kernels.get(name);
  if (q === undefined) return { kernel: hostTensor4d(floatOf(packed, name).values, floatOf(packed, name).shape), scale: 1 };
  const top = topLevel(q.bits);
  const ints = new Float32Array(q.codes.length);
  for (let i = 0; i < ints.length; i++) ints[i] = 2 * q.codes[i] - top;
  return { kernel: hostTensor4d(ints, q.shape), scale: q.scale / top };
}

/** Per-channel mul/add: BN (gamma / sqrt(var + eps), beta - mean * that) or bias, times the code scale. */
function foldAffine(layer: GeneratorLayer, packed: PackedGenerator, scale: number): { mul: Tensor1D; add: Tensor1D } {
  if (layer.bn) {
    const get = (field: string) => floatOf(packed, `${layer.name}/bn/${field}`).values;
    const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map(get);
    const mul = gamma.map((g, c) => g / Math.sqrt(variance[c] + BN_EPSILON));
    const add = beta.map((b, c) => b - mean[c] * mul[c]);
    return { mul: tf.tensor1d(mul.map((m) => m * scale)), add: tf.tensor1d(add) };
  }
  const out = outChannels(layer, packed);
  const bias = layer.bias ? floatOf(packed, `${layer.name}/bias`).values : new Float32Array(out);
  return { mul: tf.fill([out], scale) as Tensor1D, add: tf.tensor1d(bias) };
}

function outChannels(layer: GeneratorLayer, packed: PackedGenerator): number {
  const name = `${layer.name}/kernel`;
  const shape = packed.kernels.get(name)?.shape ?? floatOf(packed, name).shape;
  return layer.kind === 'down' ? shape[3] : shape[2];
}

function floatOf(packed: PackedGenerator, name: string): HostTensor {
  const t = packed.floats.get(name);
  if (t === undefined) throw new Error(`packed generator: expected a float tensor "${name}", but there is none`);
  return t;
}

export function disposeLowBitLayer(l: LowBitLayer): void {
  tf.dispose([l.kernel, l.mul, l.add] as Tensor[]);
}
