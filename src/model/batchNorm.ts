import { tf, type Tensor4D, type Variable } from '../backend/tf.ts';
import { BN_EPSILON, BN_MOMENTUM, BN_WARMUP } from './constants.ts';
import type { ForwardContext } from './forwardContext.ts';
import type { VariableGroup } from './types.ts';
import type { VariableStore } from './variableStore.ts';
import { stopGradient } from './stopGradient.ts';

/**
 * Batch normalisation over N, H, W of an NHWC tensor (spec: "batch norm default settings" of the
 * official TensorFlow code, see constants.ts). Training uses the batch's moments and reports them
 * to the recorder; inference uses the moving averages, stored as non-trainable variables. A frozen
 * training forward (ForwardContext.frozen) uses the batch's moments like training, but records
 * nothing and its gamma and beta pass no gradient.
 * The moving averages warm up like TF's ExponentialMovingAverage with num_updates: momentum
 * min(0.99, (1 + t) / (10 + t)) after t updates (bnMomentum), so that a run of a few hundred
 * iterations already has usable inference statistics (with a fixed 0.99 the initial variance of 1
 * would still dominate after 1000 updates, while the true variances are ~1e-5 at initialisation).
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
  // How many times the moving statistics were updated: sets the warm-up momentum (applyStateUpdates).
  store.add(`${name}/updates`, tf.scalar(0), group, 'state');
  return {
    name,
    apply(x, ctx) {
      if (!ctx.training) return normalize(x, movingMean, movingVariance, gamma, beta);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      if (ctx.frozen === true) return normalize(x, mean, variance, stopGradient(gamma), stopGradient(beta));
      ctx.recorder?.record(`${name}/moving_mean`, mean);
      ctx.recorder?.record(`${name}/moving_variance`, variance);
      return normalize(x, mean, variance, gamma, beta);
    },
  };
}

function normalize(x: Tensor4D, mean: tf.Tensor, variance: tf.Tensor, gamma: Variable, beta: Variable): Tensor4D {
  return tf.batchNorm(x, mean as tf.Tensor1D, variance as tf.Tensor1D, beta, gamma, BN_EPSILON) as Tensor4D;
}

/** Momentum of the t-th moving-statistics update (t = updates so far): warm-up, then BN_MOMENTUM. */
export function bnMomentum(updates: number): number {
  return Math.min(BN_MOMENTUM, (1 + updates) / (BN_WARMUP + updates));
}
