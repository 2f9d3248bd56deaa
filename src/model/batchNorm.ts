import { tf, type Tensor4D, type Variable } from '../backend/tf.ts';
import { BN_EPSILON } from './constants.ts';
import type { ForwardContext } from './forwardContext.ts';
import type { VariableGroup } from './types.ts';
import type { VariableStore } from './variableStore.ts';

/**
 * Batch normalisation over N, H, W of an NHWC tensor (spec: "batch norm default settings" of the
 * official TensorFlow code, see constants.ts). Training uses the batch's moments and reports them
 * to the recorder; inference uses the moving averages, stored as non-trainable variables.
 */
export interface BatchNormLayer {
  readonly name: string;
  apply(x: Tensor4D, ctx: ForwardContext): Tensor4D;
}

export function createBatchNorm(store: VariableStore, name: string, channels: number, group: VariableGroup): BatchNormLayer {
  const gamma = store.add(`${name}/gamma`, tf.ones([channels]), group, 'trainable');
  const beta = store.add(`${name}/beta`, tf.zeros([channels]), group, 'trainable');
  const movingMean = store.add(`${name}/moving_mean`, tf.zeros([channels]), group, 'state');
  const movingVariance = store.add(`${name}/moving_variance`, tf.ones([channels]), group, 'state');
  return {
    name,
    apply(x, ctx) {
      if (!ctx.training) return normalize(x, movingMean, movingVariance, gamma, beta);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      ctx.recorder?.record(`${name}/moving_mean`, mean);
      ctx.recorder?.record(`${name}/moving_variance`, variance);
      return normalize(x, mean, variance, gamma, beta);
    },
  };
}

function normalize(x: Tensor4D, mean: tf.Tensor, variance: tf.Tensor, gamma: Variable, beta: Variable): Tensor4D {
  return tf.batchNorm(x, mean as tf.Tensor1D, variance as tf.Tensor1D, beta, gamma, BN_EPSILON) as Tensor4D;
}
