import { tf, type Tensor4D, type Variable } from '../backend/tf.ts';
import { DECODER_MULTIPLIERS, ENCODER_MULTIPLIERS, INIT_STDDEV, KERNEL_SIZE, RGB_CHANNELS } from './constants.ts';
import { createBatchNorm, type BatchNormLayer } from './batchNorm.ts';
import { convUp } from './convUp.ts';
import { normalInit } from './initializers.ts';
import type { ForwardContext } from './forwardContext.ts';
import type { GeneratorQuant } from './generatorQuant.ts';
import type { Random } from '../shared/random.ts';
import type { GeneganConfig } from './types.ts';
import type { VariableStore } from './variableStore.ts';

/**
 * GeneGAN's decoder ("joiner", spec/genegan.md "Networks"): deconv 4x4 s2 + BN + ReLU stages, then a
 * deconv to RGB plus a per-channel bias and (tanh + 1) / 2.
 * Latent [N,8,8,4*width] (background channels first, object last) -> images [N,S,S,3] in [0,1].
 */
export interface Decoder {
  apply(latent: Tensor4D, ctx: ForwardContext): Tensor4D;
}

interface Stage {
  kernel: Variable;
  bn: BatchNormLayer;
}

export function createDecoder(store: VariableStore, config: GeneganConfig, random: Random, quant: GeneratorQuant): Decoder {
  const latentMultiplier = ENCODER_MULTIPLIERS[config.imageSize].at(-1) as number;
  let inChannels = latentMultiplier * config.width;
  const hidden: Stage[] = DECODER_MULTIPLIERS[config.imageSize].map((m, i) => {
    const out = m * config.width;
    const name = `decoder/deconv${i + 1}`;
    const kernel = store.add(`${name}/kernel`, normalInit([KERNEL_SIZE, KERNEL_SIZE, out, inChannels], INIT_STDDEV, random), 'generator', 'trainable');
    const bn = createBatchNorm(store, `${name}/bn`, out, 'generator');
    inChannels = out;
    return { kernel, bn };
  });
  const lastName = `decoder/deconv${hidden.length + 1}`;
  const lastKernel = store.add(`${lastName}/kernel`, normalInit([KERNEL_SIZE, KERNEL_SIZE, RGB_CHANNELS, inChannels], INIT_STDDEV, random), 'generator', 'trainable');
  const lastBias = store.add(`${lastName}/bias`, tf.zeros([RGB_CHANNELS]), 'generator', 'trainable');
  return {
    apply(latent, ctx) {
      const features = hidden.reduce((x, stage) => {
        const y = convUp(quant.input(x, false), quant.kernel(stage.kernel, false));
        return tf.relu(stage.bn.apply(y, ctx));
      }, latent);
      // The last layer is the generator's other edge (kept float with floatFirstLast).
      const rgb = tf.add(convUp(quant.input(features, true), quant.kernel(lastKernel, true)), lastBias);
      return tf.mul(tf.add(tf.tanh(rgb), 1), 0.5) as Tensor4D;
    },
  };
}
