import { tf, type Tensor, type Tensor2D, type Tensor4D, type Variable } from '../backend/tf.ts';
import { CRITIC_FINAL_SIDE, CRITIC_MULTIPLIERS, INIT_STDDEV, KERNEL_SIZE, LEAKY_SLOPE, RGB_CHANNELS } from './constants.ts';
import { createBatchNorm, type BatchNormLayer } from './batchNorm.ts';
import { binomialBlur } from './binomialBlur.ts';
import { convDown } from './convDown.ts';
import { normalInit } from './initializers.ts';
import { createSpectralNorm, type SpectralNorm } from './spectralNorm.ts';
import type { ForwardContext } from './forwardContext.ts';
import type { Random } from './random.ts';
import type { GeneganConfig } from './types.ts';
import type { VariableStore } from './variableStore.ts';

/**
 * One of GeneGAN's two critics (spec/genegan.md "Networks"): conv 4x4 s2 stages with LeakyReLU 0.2
 * (BN on all but the first, unless config.criticBatchNorm is false) down to 4x4, then a fully connected layer to one score, no sigmoid.
 * Images [N,S,S,3] in [0,1] -> scores [N,1], unbounded.
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
    const bn: BatchNormLayer | null = i === 0 || config.criticBatchNorm === false ? null : createBatchNorm(store, `${name}/bn`, out, 'critic');
    inChannels = out;
    return { w, bn };
  });
  const features = CRITIC_FINAL_SIDE * CRITIC_FINAL_SIDE * inChannels;
  const dense = weight(`${prefix}/dense`, [features, 1]);
  const bias = store.add(`${prefix}/dense/bias`, tf.zeros([1]), 'critic', 'trainable');
  const use = (w: Weight, ctx: ForwardContext): Tensor => (w.sn === null ? w.variable : w.sn.apply(w.variable, ctx));
  return {
    apply(images, ctx) {
      const input = config.criticBlur === true ? binomialBlur(images) : images;
      const x = stages.reduce((h, { w, bn }) => {
        const y = convDown(h, use(w, ctx));
        return tf.leakyRelu(bn === null ? y : bn.apply(y, ctx), LEAKY_SLOPE);
      }, input);
      const flat = tf.reshape(x, [x.shape[0], features]) as Tensor2D;
      const score = tf.add(tf.matMul(flat, use(dense, ctx) as Tensor2D), bias) as Tensor2D;
      return config.criticGain === undefined ? score : tf.mul(score, config.criticGain);
    },
  };
}

