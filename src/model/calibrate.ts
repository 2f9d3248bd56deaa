import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { openDataset } from '../data/openDataset.ts';
import type { HostTensor, PackedGenerator } from '../quant/types.ts';
import { crossover } from './operations.ts';
import { packedNetwork, type PackedNetwork } from './packed.ts';
import { actRangeName, generatorLayers, inputBits } from './generator.ts';
import { UNIT_RANGE } from '../quant/fakeQuant.ts';
import { FLOAT_ACTIVATION_BITS } from '../quant/types.ts';
import { INFERENCE } from './normalization.ts';
import { latentChannels, objectChannels } from './validateConfig.ts';
import type { ForwardContext } from './normalization.ts';
import type { GeneganConfig, Latent } from './types.ts';

/**
 * Calibration images per set that batch-norm recalibration pushes through the generator at once.
 * Larger calibration sets go in chunks of this size and their moments are averaged, so memory stays
 * bounded (1024 images per set in one pass exceeded the wasm heap). At the bundled models' 256 a
 * single chunk: the published numbers were made that way.
 */
export const CALIBRATION_CHUNK = 256;

/**
 * Batch-norm recalibration after post-training quantization (docs/quantization.md "Post-training
 * quantization"): the moving statistics a float model learned describe its float conv outputs,
 * not the quantized ones (balanced quantization with scale = max|W| in particular changes each
 * kernel's spread). This re-estimates every BN layer's moving mean and variance from the quantized
 * network's own conv outputs on calibration images, as training forms them (docs/training.md
 * "Forward graph"): the packed generator on the float engine runs in training mode, the encoder once
 * per set (Au, B0) and the decoder once per latent combination — Dec(A, u), Dec(B, 0) and the
 * crossover's Bu, A0 — each call normalised with its own batch moments; the moving statistics are
 * the average of the calls' moments. Sets larger than `chunk` images go through in chunks of
 * `chunk` (memory stays bounded), each chunk's moments weighted by its size. Kernels are
 * untouched; only `${layer}/bn/moving_{mean,variance}` change.
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
  const network = packedNetwork(packed, config, 'float');
  const sums = new Map<string, Float32Array>();
  const total = au.shape[0];
  try {
    for (let start = 0; start < total; start += chunk) {
      const n = Math.min(chunk, total - start);
      tf.tidy(() => {
        // Every BN call's batch moments, by moving-statistic name, in call order.
        const calls = new Map<string, Tensor[]>();
        const ctx: ForwardContext = { training: true, recorder: { record: (name, value) => calls.set(name, [...(calls.get(name) ?? []), value]) } };
        calibrationPasses(network, config, tf.slice(au, start, n) as Tensor4D, tf.slice(b0, start, n) as Tensor4D, ctx);
        for (const [name, moments] of calls) {
          const average = tf.addN(moments).div(moments.length / (n / total)).dataSync();
          const sum = sums.get(name) ?? new Float32Array(average.length);
          sums.set(name, sum.map((v, i) => v + average[i]));
        }
      });
    }
  } finally {
    network.dispose();
  }
  const floats = new Map<string, HostTensor>(packed.floats);
  for (const [name, values] of sums) floats.set(name, { shape: [values.length], values });
  return { quant: { ...packed.quant }, kernels: packed.kernels, floats };
}

/**
 * The forwards that calibration measures, as training forms them (docs/training.md "Forward
 * graph"): the encoder once per set (Au, B0), the decoder once per latent combination: Dec(A, u),
 * Dec(B, 0) and the crossover's Bu, A0. @param au, b0 NHWC [n,S,S,3] in [0,1], the same n.
 */
function calibrationPasses(network: PackedNetwork, config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>, au: Tensor4D, b0: Tensor4D, ctx: ForwardContext): void {
  const object = objectChannels(config);
  const split = latentChannels(config) - object;
  const encode = (images: Tensor4D): Latent => {
    const [background, x] = tf.split(network.encode(images, ctx), [split, object], 3) as [Tensor4D, Tensor4D];
    return { background, object: x };
  };
  const a = encode(au);
  const b = encode(b0);
  const decoder = { decode: (background: Tensor4D, x: Tensor4D) => network.decode(tf.concat([background, x], 3) as Tensor4D, ctx) };
  decoder.decode(a.background, a.object);
  decoder.decode(b.background, tf.zerosLike(a.object));
  crossover(decoder, a, b);
}

/**
 * Activation-range calibration (docs/quantization.md "Activation ranges"): DoReFa's [0, 1] clip
 * suits a network trained into it, not one trained with float activations, whose layer inputs
 * hold negative LeakyReLU outputs and values well above 1. This runs the packed generator with
 * float activations (inference mode, the calibration passes) and gives every layer whose input
 * is quantized at `bits` the range of what it saw, [min(0, min), max], as `${layer}/act_range`.
 * Nothing is clipped: the rare largest inputs matter (a range estimated from a sample, which
 * missed them, cost 3-4 dB at 8 bits; docs/quantization.md "Activation ranges"). Run BN recalibration after it.
 * @param au, b0 NHWC [N,S,S,3] in [0,1], calibration images of the two sets (same N).
 * @returns a new PackedGenerator with quant.abits = bits, sharing the kernels.
 */
export function calibrateActivationRanges(
  packed: PackedGenerator,
  config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>,
  au: Tensor4D,
  b0: Tensor4D,
  bits: number,
  chunk = CALIBRATION_CHUNK,
): PackedGenerator {
  const quant = { ...packed.quant, abits: bits };
  const layers = generatorLayers(config).filter((layer) => inputBits(layer, quant) !== null);
  const seen = new Map<string, { min: number; max: number }>(layers.map((l) => [l.name, { min: 0, max: 0 }]));
  const network = packedNetwork({ ...packed, quant: { ...packed.quant, abits: FLOAT_ACTIVATION_BITS } }, config, 'float');
  const observe = (name: string, input: Tensor4D) => {
    const s = seen.get(name);
    if (s !== undefined) seen.set(name, { min: Math.min(s.min, tf.min(input).dataSync()[0]), max: Math.max(s.max, tf.max(input).dataSync()[0]) });
  };
  try {
    for (let start = 0; start < au.shape[0]; start += chunk) {
      const n = Math.min(chunk, au.shape[0] - start);
      tf.tidy(() => calibrationPasses(network, config, tf.slice(au, start, n) as Tensor4D, tf.slice(b0, start, n) as Tensor4D, { ...INFERENCE, observe }));
    }
  } finally {
    network.dispose();
  }
  const floats = new Map<string, HostTensor>(packed.floats);
  for (const layer of layers) {
    // [min(0, min), max]: zero is a level. A dead input (nothing positive) keeps DoReFa's [0, 1].
    const { min, max } = seen.get(layer.name) ?? { min: 0, max: 0 };
    const range = max > 0 ? { lo: min, hi: max } : UNIT_RANGE;
    floats.set(actRangeName(layer), { shape: [2], values: Float32Array.of(range.lo, range.hi) });
  }
  return { quant, kernels: packed.kernels, floats };
}

export interface CalibrationSource {
  /** Dataset directory (any layout openDataset reads). */
  data: string;
  /** Attribute column splitting the sets; default Eyeglasses. */
  attribute?: string;
  /** Images per set. */
  count: number;
}

/**
 * The first `count` images of each set of the training split, unshuffled (deterministic), for
 * batch-norm recalibration. NHWC [n, S, S, 3] in [0,1] per set, the SAME n for both sets (the
 * recalibration pairs them): n = min(count, each set's size, minus skipped unreadable images).
 * The caller disposes them.
 */
export async function loadCalibrationImages(source: CalibrationSource, imageSize: number): Promise<{ au: Tensor4D; b0: Tensor4D }> {
  const ds = await openDataset(source.data, { attribute: source.attribute ?? 'Eyeglasses', imageSize, split: 'train', seed: 0 });
  try {
    const wanted = Math.min(source.count, ds.counts.with, ds.counts.without);
    const au = (await ds.batchAt('with', 0, wanted)).images;
    const b0 = (await ds.batchAt('without', 0, wanted)).images;
    const n = Math.min(au.shape[0], b0.shape[0]);
    if (n === au.shape[0] && n === b0.shape[0]) return { au, b0 };
    const trimmed = { au: tf.slice(au, 0, n) as Tensor4D, b0: tf.slice(b0, 0, n) as Tensor4D };
    tf.dispose([au, b0]);
    return trimmed;
  } finally {
    await ds.close();
  }
}
