import { tf, type Tensor, type Variable } from '../backend/tf.ts';
import { SN_EPSILON } from './constants.ts';
import { stopGradient } from './stopGradient.ts';
import { unitVectorInit } from './initializers.ts';
import type { ForwardContext } from './forwardContext.ts';
import type { Random } from '../shared/random.ts';
import type { VariableGroup } from './types.ts';
import type { VariableStore } from './variableStore.ts';

/**
 * Spectral normalisation (Miyato et al. 2018) of one kernel, used by the `fast` recipe's critics:
 * W / sigma(W), sigma estimated by one power-iteration step per training forward on the kernel seen
 * as a matrix [fan-in, out]. The vector u [1, out] is running state (a non-trainable variable).
 */
export interface SpectralNorm {
  apply(kernel: Variable, ctx: ForwardContext): Tensor;
}

export function createSpectralNorm(store: VariableStore, name: string, outChannels: number, group: VariableGroup, random: Random): SpectralNorm {
  const uName = `${name}/sn_u`;
  const u = store.add(uName, unitVectorInit(outChannels, random), group, 'state');
  return {
    apply(kernel, ctx) {
      const matrix = tf.reshape(kernel, [-1, outChannels]);
      // u and v carry no gradient: sigma's gradient flows through the kernel only (as in the paper).
      const { v, uNext } = tf.tidy(() => powerStep(stopGradient(matrix), u));
      if (ctx.training) ctx.recorder?.record(uName, uNext);
      const sigma = tf.sum(tf.mul(tf.matMul(v, matrix), uNext));
      return tf.div(kernel, sigma);
    },
  };
}

/** One power-iteration step: v = norm(u M^T), u' = norm(v M). */
function powerStep(matrix: Tensor, u: Tensor): { v: Tensor; uNext: Tensor } {
  const v = l2Normalize(tf.matMul(u, matrix as tf.Tensor2D, false, true));
  const uNext = l2Normalize(tf.matMul(v as tf.Tensor2D, matrix as tf.Tensor2D));
  return { v, uNext };
}

export function l2Normalize(x: Tensor): Tensor {
  return tf.div(x, tf.add(tf.norm(x), SN_EPSILON));
}
