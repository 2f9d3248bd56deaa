import { tf, type Tensor, type Tensor1D, type Tensor4D, type Variable } from '../backend/tf.ts';
import { fakeQuantActivation, fakeQuantWeight, UNIT_RANGE, type ActivationRange } from '../quant/fakeQuant.ts';
import { FLOAT_ACTIVATION_BITS, type QuantConfig } from '../quant/types.ts';
import { ACT_RANGE, DECODER_MULTIPLIERS, ENCODER_MULTIPLIERS, INIT_STDDEV, KERNEL_SIZE, LEAKY_SLOPE, RGB_CHANNELS, STRIDE } from './constants.ts';
import { batchNorm, createBatchNormParams, stopGradient, type BatchNormParams, type ForwardContext } from './normalization.ts';
import { normalInit, type VariableStore } from './variables.ts';
import type { Random } from '../shared/random.ts';
import type { GeneganConfig } from './types.ts';

/**
 * GeneGAN's generator (docs/model.md "Networks"), defined once: the layer table below is what the
 * trainable encoder and decoder are built from, what the packed low-bit generator (packed.ts) walks
 * and what post-training quantization quantizes. Encoder ("splitter"): conv 4x4 s2 stages with
 * LeakyReLU 0.2, BN on every stage but the first; images [N,S,S,3] in [0,1] -> latent [N,8,8,C].
 * Decoder ("joiner"): deconv 4x4 s2 + BN + ReLU stages, then a deconv to RGB plus a per-channel
 * bias and (tanh + 1) / 2; latent (background channels first, object last) -> images in [0,1].
 */
export interface GeneratorLayer {
  /** Variable prefix, e.g. "encoder/conv2" or "decoder/deconv3". */
  name: string;
  /** 'down': conv 4x4 s2, kernel [4,4,Cin,Cout]; 'up': deconv 4x4 s2, kernel [4,4,Cout,Cin] (tfjs layouts). */
  kind: 'down' | 'up';
  inChannels: number;
  outChannels: number;
  /** Batch norm after the conv (variables `${name}/bn/{gamma,beta,moving_mean,moving_variance}`). */
  bn: boolean;
  /** Per-channel bias `${name}/bias` after the conv (the decoder's RGB layer). */
  bias: boolean;
  activation: 'leaky' | 'relu' | 'tanh01';
  /** The generator's first or last layer (kept float when QuantConfig.floatFirstLast). */
  edge: boolean;
}

/** The generator's conv layers in forward order; widths are multiples of config.width (constants.ts). */
export function generatorLayers(config: Pick<GeneganConfig, 'imageSize' | 'width'>): GeneratorLayer[] {
  const layers: GeneratorLayer[] = [];
  let inChannels = RGB_CHANNELS;
  ENCODER_MULTIPLIERS[config.imageSize].forEach((m, i) => {
    const outChannels = m * config.width;
    layers.push({ name: `encoder/conv${i + 1}`, kind: 'down', inChannels, outChannels, bn: i > 0, bias: false, activation: 'leaky', edge: i === 0 });
    inChannels = outChannels;
  });
  DECODER_MULTIPLIERS[config.imageSize].forEach((m, i) => {
    const outChannels = m * config.width;
    layers.push({ name: `decoder/deconv${i + 1}`, kind: 'up', inChannels, outChannels, bn: true, bias: false, activation: 'relu', edge: false });
    inChannels = outChannels;
  });
  const last = `decoder/deconv${DECODER_MULTIPLIERS[config.imageSize].length + 1}`;
  layers.push({ name: last, kind: 'up', inChannels, outChannels: RGB_CHANNELS, bn: false, bias: true, activation: 'tanh01', edge: true });
  return layers;
}

/** The kernel's shape in tfjs's layout for the layer's kind. */
export function kernelShape(layer: GeneratorLayer): [number, number, number, number] {
  const [a, b] = layer.kind === 'down' ? [layer.inChannels, layer.outChannels] : [layer.outChannels, layer.inChannels];
  return [KERNEL_SIZE, KERNEL_SIZE, a, b];
}

/**
 * The one quantization rule (docs/quantization.md "First and last layer"): every layer's kernel
 * and input are quantized, except the first and the last layer with floatFirstLast.
 */
export function isQuantizedLayer(layer: GeneratorLayer, quant: QuantConfig | undefined): boolean {
  return quant !== undefined && !(layer.edge && quant.floatFirstLast);
}

/** Bits of a layer's input activation codes, or null when its input stays float. */
export function inputBits(layer: GeneratorLayer, quant: QuantConfig | undefined): number | null {
  return quant !== undefined && isQuantizedLayer(layer, quant) && quant.abits < FLOAT_ACTIVATION_BITS ? quant.abits : null;
}

/**
 * A quantized input's range lives beside the layer's weights as `${layer}/act_range` = [lo, hi]
 * (docs/quantization.md "Activation ranges"): a state variable of the trainable generator, a float
 * tensor of the packed one. A model without it uses [0, 1], DoReFa's range, as it was trained.
 */
export function actRangeName(layer: GeneratorLayer): string {
  return `${layer.name}/${ACT_RANGE}`;
}

/** [lo, hi] values as an ActivationRange; undefined (no such tensor) is [0, 1]. */
export function toActivationRange(values: ArrayLike<number> | undefined): ActivationRange {
  return values === undefined ? UNIT_RANGE : { lo: values[0], hi: values[1] };
}

/**
 * Conv 4x4 s2 SAME ('down') or deconv 4x4 s2 SAME ('up'), no bias, on NHWC [N,H,W,Cin] of any
 * range (float or integer codes). @returns NHWC [N,H/2,W/2,Cout] or [N,2H,2W,Cout].
 */
export function convLayer(kind: GeneratorLayer['kind'], x: Tensor4D, kernel: Tensor): Tensor4D {
  if (kind === 'down') return tf.conv2d(x, kernel as Tensor4D, STRIDE, 'same');
  const [n, h, w] = x.shape;
  return tf.conv2dTranspose(x, kernel as Tensor4D, [n, h * STRIDE, w * STRIDE, kernel.shape[2] as number], STRIDE, 'same');
}

/** The layer's nonlinearity: LeakyReLU 0.2, ReLU, or (tanh + 1) / 2 for the RGB output in [0,1]. */
export function activate(layer: GeneratorLayer, y: Tensor): Tensor4D {
  switch (layer.activation) {
    case 'leaky':
      return tf.leakyRelu(y, LEAKY_SLOPE) as Tensor4D;
    case 'relu':
      return tf.relu(y) as Tensor4D;
    case 'tanh01':
      return tf.mul(tf.add(tf.tanh(y), 1), 0.5) as Tensor4D;
  }
}

/**
 * What one layer computes with, whoever holds its weights: how it sees its input (float,
 * fake-quantized, or integer activation codes), its kernel (float, fake-quantized, dequantized or
 * integer codes), and what follows the conv (BN, the bias, or a folded per-channel affine).
 */
export interface LayerWeights {
  input(x: Tensor4D): Tensor4D;
  kernel(ctx: ForwardContext): Tensor;
  affine(z: Tensor4D, ctx: ForwardContext): Tensor4D;
}

/** A generator forward: encode NHWC images [N,S,S,3] in [0,1] -> latent [N,8,8,C]; decode back. */
export interface GeneratorNetwork {
  encode(images: Tensor4D, ctx: ForwardContext): Tensor4D;
  decode(latent: Tensor4D, ctx: ForwardContext): Tensor4D;
}

/** Walks the layer table with one LayerWeights per layer. */
export function generatorNetwork(layers: GeneratorLayer[], weights: LayerWeights[]): GeneratorNetwork {
  const encoderCount = layers.filter((l) => l.kind === 'down').length;
  const run = (x: Tensor4D, from: number, to: number, ctx: ForwardContext) =>
    layers.slice(from, to).reduce((h, layer, i) => {
      const w = weights[from + i];
      ctx.observe?.(layer.name, h);
      return activate(layer, w.affine(convLayer(layer.kind, w.input(h), w.kernel(ctx)), ctx));
    }, x);
  return {
    encode: (images, ctx) => run(images, 0, encoderCount, ctx),
    decode: (latent, ctx) => run(latent, encoderCount, layers.length, ctx),
  };
}

/** BN (when the layer has it) or the bias (when it has one) after the conv. */
export function bnOrBias(layer: GeneratorLayer, bn: BatchNormParams | null, bias: Tensor1D | Variable | null): LayerWeights['affine'] {
  return (z, ctx) => {
    const normed = bn !== null ? batchNorm(z, `${layer.name}/bn`, bn, ctx) : z;
    return bias !== null ? (tf.add(normed, bias) as Tensor4D) : normed;
  };
}

/**
 * The trainable generator's variables (N(0, 0.02) kernels from `random`, in table order) and its
 * forward. With `quant` (quantization-aware training, docs/model.md "Quantized generator") a
 * quantized layer uses fakeQuantWeight(kernel, method, wbits) and sees its input through
 * fakeQuantActivation(input, abits, its act_range) unless abits is 32; BN parameters and the bias
 * stay float. The ranges are fixed during training (set by calibration before it starts).
 */
export function createTrainableGenerator(store: VariableStore, config: GeneganConfig, random: Random, quant?: QuantConfig): GeneratorNetwork {
  const q = quant === undefined ? undefined : { ...quant };
  const layers = generatorLayers(config);
  const weights = layers.map((layer): LayerWeights => {
    const variable = store.add(`${layer.name}/kernel`, normalInit(kernelShape(layer), INIT_STDDEV, random), 'generator', 'trainable');
    const bn = layer.bn ? createBatchNormParams(store, `${layer.name}/bn`, layer.outChannels, 'generator') : null;
    const bias = layer.bias ? store.add(`${layer.name}/bias`, tf.zeros([layer.outChannels]), 'generator', 'trainable') : null;
    const bits = inputBits(layer, q);
    const range = bits === null ? null : store.add(actRangeName(layer), tf.tensor1d([UNIT_RANGE.lo, UNIT_RANGE.hi]), 'generator', 'state');
    return {
      input: (x) => (bits === null || range === null ? x : (fakeQuantActivation(x, bits, toActivationRange(range.dataSync())) as Tensor4D)),
      kernel(ctx) {
        const k = ctx.frozen === true ? stopGradient(variable) : variable;
        return q !== undefined && isQuantizedLayer(layer, q) ? fakeQuantWeight(k, q.method, q.wbits) : k;
      },
      affine: bnOrBias(layer, bn, bias),
    };
  });
  return generatorNetwork(layers, weights);
}
