import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { openDataset } from '../data/openDataset.ts';
import type { HostTensor, PackedGenerator } from '../quant/types.ts';
import { crossover } from './operations.ts';
import { packedNetwork } from './packed.ts';
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
 * network's own conv outputs on calibration images, as training forms them (docs/training.md "One
 * iteration"): the packed generator on the float engine runs in training mode, the encoder once
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
  const object = objectChannels(config);
  const split = latentChannels(config) - object;
  const sums = new Map<string, Float32Array>();
  const total = au.shape[0];
  try {
    for (let start = 0; start < total; start += chunk) {
      const n = Math.min(chunk, total - start);
      tf.tidy(() => {
        // Every BN call's batch moments, by moving-statistic name, in call order.
        const calls = new Map<string, Tensor[]>();
        const ctx: ForwardContext = { training: true, recorder: { record: (name, value) => calls.set(name, [...(calls.get(name) ?? []), value]) } };
        const encode = (images: Tensor4D): Latent => {
          const [background, x] = tf.split(network.encode(images, ctx), [split, object], 3) as [Tensor4D, Tensor4D];
          return { background, object: x };
        };
        const a = encode(tf.slice(au, start, n) as Tensor4D);
        const b = encode(tf.slice(b0, start, n) as Tensor4D);
        const decoder = { decode: (background: Tensor4D, x: Tensor4D) => network.decode(tf.concat([background, x], 3) as Tensor4D, ctx) };
        decoder.decode(a.background, a.object);
        decoder.decode(b.background, tf.zerosLike(a.object));
        crossover(decoder, a, b);
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
