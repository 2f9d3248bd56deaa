import { tf, type Tensor, type Tensor2D, type Tensor4D, type Variable } from '../backend/tf.ts';
import { CRITIC_FINAL_SIDE, CRITIC_MULTIPLIERS, INIT_STDDEV, KERNEL_SIZE, LEAKY_SLOPE, RGB_CHANNELS } from './constants.ts';
import { convLayer } from './generator.ts';
import { batchNorm, createBatchNormParams, createSpectralNorm, type BatchNormParams, type ForwardContext, type SpectralNorm } from './normalization.ts';
import { normalInit, type VariableStore } from './variables.ts';
import type { Random } from '../shared/random.ts';
import type { GeneganConfig } from './types.ts';

/**
 * One of GeneGAN's two critics (docs/model.md "Networks"): conv 4x4 s2 stages with LeakyReLU 0.2
 * (BN on all but the first, unless config.criticBatchNorm is false) down to 4x4, then a fully
 * connected layer to one score, no sigmoid. Images [N,S,S,3] in [0,1] -> scores [N,1], unbounded.
 */
export interface Critic {
  apply(images: Tensor4D, ctx: ForwardContext): Tensor2D;
}

interface Weight {
  variable: Variable;
  sn: SpectralNorm | null;
}

export function createCritic(store: VariableStore, prefix: string, config: GeneganConfig, random: Random): Critic {
  const weight = (name: string, shape: number[]): Weight => {
    const variable = store.add(`${name}/kernel`, normalInit(shape, INIT_STDDEV, random), 'critic', 'trainable');
    const out = shape.at(-1) as number;
    const sn = config.criticSpectralNorm === true ? createSpectralNorm(store, name, out, 'critic', random) : null;
    return { variable, sn };
  };
  let inChannels = RGB_CHANNELS;
  const stages = CRITIC_MULTIPLIERS[config.imageSize].map((m, i) => {
    const out = m * config.width;
    const name = `${prefix}/conv${i + 1}`;
    const w = weight(name, [KERNEL_SIZE, KERNEL_SIZE, inChannels, out]);
    const bn: BatchNormParams | null = i === 0 || config.criticBatchNorm === false ? null : createBatchNormParams(store, `${name}/bn`, out, 'critic');
    inChannels = out;
    return { name, w, bn };
  });
  const features = CRITIC_FINAL_SIDE * CRITIC_FINAL_SIDE * inChannels;
  const dense = weight(`${prefix}/dense`, [features, 1]);
  const bias = store.add(`${prefix}/dense/bias`, tf.zeros([1]), 'critic', 'trainable');
  const use = (w: Weight, ctx: ForwardContext): Tensor => (w.sn === null ? w.variable : w.sn.apply(w.variable, ctx));
  return {
    apply(images, ctx) {
      const input = config.criticBlur === true ? binomialBlur(images) : images;
      const x = stages.reduce((h, { name, w, bn }) => {
        const y = convLayer('down', h, use(w, ctx));
        return tf.leakyRelu(bn === null ? y : batchNorm(y, `${name}/bn`, bn, ctx), LEAKY_SLOPE);
      }, input);
      const flat = tf.reshape(x, [x.shape[0], features]) as Tensor2D;
      const score = tf.add(tf.matMul(flat, use(dense, ctx) as Tensor2D), bias) as Tensor2D;
      return config.criticGain === undefined ? score : tf.mul(score, config.criticGain);
    },
  };
}

/** Taps of the 3x3 binomial filter [1,2,1]^T [1,2,1] / 16: zero response at the Nyquist frequency. */
const BINOMIAL = [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16);

/**
 * Blurs each channel with the 3x3 binomial filter (SAME padding with zeros). It removes exactly
 * the checkerboard frequency that stride-2 deconvolutions produce, so a generator cannot fool a
 * critic that sees blurred images with such patterns (GeneganConfig.criticBlur).
 * @param images NHWC [N,H,W,C], any range. @returns NHWC [N,H,W,C].
 */
export function binomialBlur(images: Tensor4D): Tensor4D {
  return tf.tidy(() => {
    const channels = images.shape[3];
    // A plain conv with a per-channel (diagonal) kernel: its gradients exist on every backend.
    const eye = tf.eye(channels).reshape([1, 1, channels, channels]);
    const kernel = tf.mul(tf.tensor4d(BINOMIAL, [3, 3, 1, 1]), eye) as tf.Tensor4D;
    return tf.conv2d(images, kernel, 1, 'same');
  });
}
