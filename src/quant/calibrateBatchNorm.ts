import { tf, type Tensor4D } from '../backend/tf.ts';
import { BN_EPSILON } from '../model/constants.ts';
import { latentChannels, objectChannels } from '../model/validateConfig.ts';
import type { GeneganConfig } from '../model/types.ts';
import { fakeQuantActivation } from './fakeQuant.ts';
import { disposeFloatLayer, floatLayers, type FloatLayer } from './floatLayer.ts';
import { generatorLayers } from './generatorLayers.ts';
import { activateLayer, convLayer } from './layerOps.ts';
/** Calibration images per forward pass (bounded memory); see src/model/calibrate.ts. */
const CALIBRATION_CHUNK = 256;
import type { HostTensor, PackedGenerator } from './types.ts';

/**
 * Batch-norm recalibration after post-training quantization: the moving statistics a float model
 * learned describe its float conv outputs, not the quantized ones (balanced quantization with
 * scale = max|W| in particular changes each kernel's spread). This re-estimates every BN layer's
 * moving mean and variance from the quantized network's own conv outputs on calibration images.
 * It mirrors how training forms them (spec/genegan.md "Forward graph"; src/train): the encoder runs
 * once per set (Au, B0) and the decoder once per latent combination — (A, x), (B, 0), (B, x),
 * (A, 0) — each call normalised with its own batch moments, and the moving statistics are the
 * average of the calls' moments. Sets larger than `chunk` images go through in chunks of `chunk`
 * (memory stays bounded), each chunk's moments weighted by its size. Kernels are untouched; only
 * `${layer}/bn/moving_{mean,variance}` change.
 * @param au, b0 NHWC [N,S,S,3] in [0,1], calibration images of the two sets (same N).
 * @returns a new PackedGenerator sharing the kernels.
 */
export function calibrateBatchNorm(
  packed: PackedGenerator,
  config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>,
  au: Tensor4D,
  b0: Tensor4D,
  chunk = CALIBRATION_CHUNK,
): PackedGenerator {
  if (au.shape[0] !== b0.shape[0] || au.shape[0] < 1) throw new Error(`calibrateBatchNorm: expected the same positive number of images per set, but got ${au.shape[0]} and ${b0.shape[0]}`);
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`calibrateBatchNorm: expected a chunk of at least 1 image, but got ${chunk}`);
  const layers = floatLayers(generatorLayers(config), packed);
  const sums = new Map<string, Float32Array>();
  const total = au.shape[0];
  try {
    for (let start = 0; start < total; start += chunk) {
      const n = Math.min(chunk, total - start);
      tf.tidy(() => calibrateChunk(layers, config, tf.slice(au, start, n) as Tensor4D, tf.slice(b0, start, n) as Tensor4D, n / total, sums));
    }
  } finally {
    layers.forEach(disposeFloatLayer);
  }
  const floats = new Map<string, HostTensor>(packed.floats);
  for (const [name, values] of sums) floats.set(name, { shape: [values.length], values });
  return { quant: { ...packed.quant }, kernels: packed.kernels, floats };
}

/** One chunk through every layer (the encoder per set, the decoder per latent combination), adding weight x its moments to `sums`. */
function calibrateChunk(layers: FloatLayer[], config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>, au: Tensor4D, b0: Tensor4D, weight: number, sums: Map<string, Float32Array>): void {
  const encoderCount = layers.filter((l) => l.layer.kind === 'down').length;
  const run = (calls: Tensor4D[], from: number, to: number) => layers.slice(from, to).reduce((h, l) => calibrateLayer(l, h, weight, sums), calls);
  const [a, b] = run([au, b0], 0, encoderCount);
  const object = objectChannels(config as GeneganConfig);
  const split = latentChannels(config as GeneganConfig) - object;
  const [aBackground, x] = tf.split(a, [split, object], 3) as Tensor4D[];
  const [bBackground] = tf.split(b, [split, object], 3) as Tensor4D[];
  const zero = tf.zerosLike(x);
  const latents = [[aBackground, x], [bBackground, zero], [bBackground, x], [aBackground, zero]].map((parts) => tf.concat(parts, 3) as Tensor4D);
  run(latents, encoderCount, layers.length);
}

/**
 * One layer on each forward call, BN in training mode (each call with its own batch moments); the
 * calls' moments, averaged and scaled by the chunk's weight, are added to the layer's sums.
 */
function calibrateLayer(l: FloatLayer, calls: Tensor4D[], weight: number, sums: Map<string, Float32Array>): Tensor4D[] {
  const zs = calls.map((x) => convLayer(l.layer, l.inputBits === null ? x : (fakeQuantActivation(x, l.inputBits) as Tensor4D), l.kernel));
  if (l.bn !== null) {
    const bn = l.bn;
    const moments = zs.map((z) => tf.moments(z, [0, 1, 2]));
    const add = (name: string, pick: (m: (typeof moments)[number]) => tf.Tensor) => {
      const average = tf.addN(moments.map(pick)).div(moments.length / weight).dataSync();
      const sum = sums.get(name) ?? new Float32Array(average.length);
      sums.set(name, sum.map((v, i) => v + average[i]));
    };
    add(`${l.layer.name}/bn/moving_mean`, (m) => m.mean);
    add(`${l.layer.name}/bn/moving_variance`, (m) => m.variance);
    return zs.map((z, i) => activateLayer(l.layer, tf.batchNorm(z, moments[i].mean, moments[i].variance, bn.beta, bn.gamma, BN_EPSILON)));
  }
  return zs.map((z) => activateLayer(l.layer, l.bias === null ? z : z.add(l.bias)));
}
