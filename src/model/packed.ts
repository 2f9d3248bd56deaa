import { tf, type Tensor, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { activationCodes, activationGrid, fakeQuantActivation } from '../quant/fakeQuant.ts';
import { dequantize, topLevel } from '../quant/levels.ts';
import type { GeneratorEngine, HostTensor, PackedGenerator } from '../quant/types.ts';
import { BN_EPSILON } from './constants.ts';
import { createGenegan } from './createGenegan.ts';
import { actRangeName, bnOrBias, generatorLayers, generatorNetwork, inputBits, toActivationRange, type GeneratorLayer, type GeneratorNetwork, type LayerWeights } from './generator.ts';
import { INFERENCE } from './normalization.ts';
import { checkImages, checkLatent, latentChannels, objectChannels } from './validateConfig.ts';
import { assignVariables } from './variables.ts';
import type { Generator, GeneganConfig } from './types.ts';

/** A Generator whose encoder and decoder run from packed low-bit codes (docs/quantization.md "Integer path", (Q12)). */
export interface PackedModel extends Generator {
  readonly engine: GeneratorEngine;
}

/**
 * Wraps a packed generator as a Generator, so the inference operations and the service use it
 * unchanged. encode/decode run on `engine`; entries() hold the dequantized weights, so the model
 * describes itself like any other. `where` names the directory in errors.
 */
export function packedModel(packed: PackedGenerator, config: GeneganConfig, engine: GeneratorEngine, where: string): PackedModel {
  const base = createGenegan({ ...config, quant: undefined }, { critics: false });
  let network: PackedNetwork;
  try {
    const values = unpackGenerator(packed);
    const tensors = tf.tidy(() => Object.fromEntries([...values].map(([name, t]) => [name, tf.tensor(t.values, t.shape)])));
    try {
      assignVariables(base, tensors, where, (e) => e.group === 'generator');
    } finally {
      tf.dispose(Object.values(tensors));
    }
    network = packedNetwork(packed, config, engine);
  } catch (err) {
    base.dispose();
    throw err;
  }
  const cfg = { ...base.config, quant: { ...packed.quant } };
  const split = latentChannels(cfg) - objectChannels(cfg);
  return {
    engine,
    config: cfg,
    encode(images) {
      checkImages(cfg, images, 'encode');
      return tf.tidy(() => {
        const latent = network.encode(images, INFERENCE);
        const [background, object] = tf.split(latent, [split, latent.shape[3] - split], 3) as [Tensor4D, Tensor4D];
        return { background, object };
      });
    },
    decode(background, object) {
      checkLatent(cfg, background, object);
      return tf.tidy(() => network.decode(tf.concat([background, object], 3), INFERENCE));
    },
    entries: () => base.entries(),
    dispose() {
      network.dispose();
      base.dispose();
    },
  };
}

/** The generator forward over packed weights; it owns their tensors until dispose. */
export interface PackedNetwork extends GeneratorNetwork {
  dispose(): void;
}

/**
 * The layer table (generator.ts) with packed weights on an engine (GeneratorEngine):
 * - 'float': dequantized kernels, fakeQuantActivation inputs, BN on the moving statistics (or, in a
 *   training context, on the batch's moments, reported to its recorder: BN recalibration), exactly
 *   the QAT forward of the trainable generator;
 * - 'lowbit': integer activation codes q = round(clip(x) * inverseStep) on the layer's range
 *   (signed when it holds negatives; [0, 2^a-1] on DoReFa's [0, 1]) times integer weight codes
 *   2c - (2^k-1), exact in float32 below 2^24, then one per-channel affine y = z * mul + add that
 *   folds the weight scale / (2^k-1), the activation step 1 / inverseStep and BN or the bias.
 */
export function packedNetwork(packed: PackedGenerator, config: Pick<GeneganConfig, 'imageSize' | 'width'>, engine: GeneratorEngine): PackedNetwork {
  const layers = generatorLayers(config);
  const owned: Tensor[] = [];
  const keep = <T extends Tensor>(t: T): T => (owned.push(t), t);
  const values = engine === 'float' ? unpackGenerator(packed) : null;
  const weights = layers.map((layer) => (values !== null ? floatWeights(layer, packed, values, keep) : lowBitWeights(layer, packed, keep)));
  return { ...generatorNetwork(layers, weights), dispose: () => tf.dispose(owned) };
}

type Keep = <T extends Tensor>(t: T) => T;

function floatWeights(layer: GeneratorLayer, packed: PackedGenerator, values: Map<string, HostTensor>, keep: Keep): LayerWeights {
  const vec = (name: string) => keep(tf.tensor1d(host(values, name).values));
  const bits = inputBits(layer, packed.quant);
  const range = toActivationRange(values.get(actRangeName(layer))?.values);
  const kernel = keep(kernelTensor(host(values, `${layer.name}/kernel`)));
  const bn = layer.bn
    ? { gamma: vec(`${layer.name}/bn/gamma`), beta: vec(`${layer.name}/bn/beta`), movingMean: vec(`${layer.name}/bn/moving_mean`), movingVariance: vec(`${layer.name}/bn/moving_variance`) }
    : null;
  return {
    input: (x) => (bits === null ? x : (fakeQuantActivation(x, bits, range) as Tensor4D)),
    kernel: () => kernel,
    affine: bnOrBias(layer, bn, layer.bias ? vec(`${layer.name}/bias`) : null),
  };
}

function lowBitWeights(layer: GeneratorLayer, packed: PackedGenerator, keep: Keep): LayerWeights {
  const bits = inputBits(layer, packed.quant);
  const range = toActivationRange(packed.floats.get(actRangeName(layer))?.values);
  const name = `${layer.name}/kernel`;
  const q = packed.kernels.get(name);
  let kernel: Tensor4D;
  let scale = 1; // float edge kernel
  if (q === undefined) kernel = kernelTensor(host(packed.floats, name));
  else {
    const top = topLevel(q.bits);
    const ints = new Float32Array(q.codes.length);
    for (let i = 0; i < ints.length; i++) ints[i] = 2 * q.codes[i] - top;
    kernel = kernelTensor({ values: ints, shape: q.shape });
    scale = q.scale / top;
  }
  const { mul, add } = foldAffine(layer, packed, scale / (bits === null ? 1 : activationGrid(bits, range).inverseStep));
  [kernel, mul, add].forEach(keep);
  return {
    input: (x) => (bits === null ? x : (activationCodes(x, bits, range) as Tensor4D)),
    kernel: () => kernel,
    affine: (z) => z.mul(mul).add(add),
  };
}

/** Per-channel mul/add: BN (gamma / sqrt(var + eps), beta - mean * that) or the bias, times the code scale. */
function foldAffine(layer: GeneratorLayer, packed: PackedGenerator, scale: number): { mul: Tensor1D; add: Tensor1D } {
  if (layer.bn) {
    const get = (field: string) => host(packed.floats, `${layer.name}/bn/${field}`).values;
    const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map(get);
    const mul = gamma.map((g, c) => g / Math.sqrt(variance[c] + BN_EPSILON));
    const add = beta.map((b, c) => b - mean[c] * mul[c]);
    return { mul: tf.tensor1d(mul.map((m) => m * scale)), add: tf.tensor1d(add) };
  }
  const bias = layer.bias ? host(packed.floats, `${layer.name}/bias`).values : new Float32Array(layer.outChannels);
  return { mul: tf.fill([layer.outChannels], scale) as Tensor1D, add: tf.tensor1d(bias) };
}

function host(tensors: Map<string, HostTensor>, name: string): HostTensor {
  const t = tensors.get(name);
  if (t === undefined) throw new Error(`packed generator: expected a tensor "${name}", but there is none`);
  return t;
}

/** A rank-4 kernel tensor from host values; throws unless the shape is rank 4. */
function kernelTensor(t: HostTensor): Tensor4D {
  if (t.shape.length !== 4) throw new Error(`expected a rank-4 kernel shape, but got [${t.shape.join(',')}]`);
  return tf.tensor4d(t.values, t.shape as [number, number, number, number]);
}

/**
 * Every generator weight as float32: quantized kernels dequantized onto their levels
 * (w = scale (2c - (2^k-1)) / (2^k-1)), floats as stored. These are exactly the values the
 * fake-quantized float path computes with.
 */
export function unpackGenerator(packed: PackedGenerator): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const [name, t] of packed.floats) out.set(name, { shape: [...t.shape], values: t.values });
  for (const [name, k] of packed.kernels) out.set(name, { shape: [...k.shape], values: dequantize(k) });
  return out;
}
