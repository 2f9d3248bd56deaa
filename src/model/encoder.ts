import { tf, type Tensor4D, type Variable } from '../backend/tf.ts';
import { ENCODER_MULTIPLIERS, INIT_STDDEV, KERNEL_SIZE, LEAKY_SLOPE, RGB_CHANNELS } from './constants.ts';
import { createBatchNorm, type BatchNormLayer } from './batchNorm.ts';
import { convDown } from './convDown.ts';
import { normalInit } from './initializers.ts';
import type { ForwardContext } from './forwardContext.ts';
import type { GeneratorQuant } from './generatorQuant.ts';
import type { Random } from '../shared/random.ts';
import type { GeneganConfig } from './types.ts';
import type { VariableStore } from './variableStore.ts';
import { stopGradient } from './stopGradient.ts';

/**
 * GeneGAN's encoder ("splitter", spec/genegan.md "Networks"): conv 4x4 s2 stages with LeakyReLU 0.2,
 * BN on every stage but the first. Images [N,S,S,3] in [0,1] -> latent [N,8,8,4*width].
 */
export interface Encoder {
  apply(images: Tensor4D, ctx: ForwardContext): Tensor4D;
}

interface Stage {
  kernel: Variable;
  bn: BatchNormLayer | null;
}

export function createEncoder(store: VariableStore, config: GeneganConfig, random: Random, quant: GeneratorQuant): Encoder {
  let inChannels = RGB_CHANNELS;
  const stages: Stage[] = ENCODER_MULTIPLIERS[config.imageSize].map((m, i) => {
    const out = m * config.width;
    const name = `encoder/conv${i + 1}`;
    const kernel = store.add(`${name}/kernel`, normalInit([KERNEL_SIZE, KERNEL_SIZE, inChannels, out], INIT_STDDEV, random), 'generator', 'trainable');
    const bn = i === 0 ? null : createBatchNorm(store, `${name}/bn`, out, 'generator');
    inChannels = out;
    return { kernel, bn };
  });
  return {
    apply(images, ctx) {
      return stages.reduce((x, stage, i) => {
        const edge = i === 0; // the generator's first layer
        const kernel = ctx.frozen === true ? stopGradient(stage.kernel) : stage.kernel;
        const y = convDown(quant.input(x, edge), quant.kernel(kernel, edge));
        const normed = stage.bn === null ? y : stage.bn.apply(y, ctx);
        return tf.leakyRelu(normed, LEAKY_SLOPE);
      }, images);
    },
  };
}
