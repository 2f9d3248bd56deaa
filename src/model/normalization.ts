import { tf, type Tensor, type Tensor1D, type Tensor4D, type Variable } from '../backend/tf.ts';
import { BN_EPSILON, BN_MOMENTUM, BN_WARMUP, SN_EPSILON } from './constants.ts';
import { unitVectorInit, type VariableStore } from './variables.ts';
import type { Random } from '../shared/random.ts';
import type { StateRecorder, VariableGroup } from './types.ts';

/** What every layer's forward needs besides its input: the mode and where to report running state. */
export interface ForwardContext {
  /** Training: BN uses batch statistics and spectral norm runs a power-iteration step. */
  training: boolean;
  recorder: StateRecorder | null;
  /**
   * With training: the layer's weights act as a fixed function: no gradient reaches them (the input
   * still gets one) and no running state is recorded. Used when the encoder reads the generator's
   * own fakes (the cycle terms, docs/training.md).
   */
  frozen?: boolean;
  /**
   * Sees every generator layer's input before quantization, by layer name (activation-range
   * calibration, calibrate.ts). NHWC; the tensor belongs to the forward (copy what you keep).
   */
  observe?: (layer: string, input: Tensor4D) => void;
}

/** The inference context: BN on its moving statistics, nothing recorded. */
export const INFERENCE: ForwardContext = { training: false, recorder: null };

const identityWithoutGradient = tf.customGrad((...inputs) => {
  const x = inputs[0] as Tensor;
  return { value: x.clone(), gradFunc: (dy: Tensor) => tf.zerosLike(dy) };
});

/**
 * Identity whose gradient is zero (tfjs has no tf.stopGradient). Used where a statistic carries no
 * gradient (spectral-norm vectors) and for frozen forwards.
 */
export function stopGradient<T extends Tensor>(x: T): T {
  return identityWithoutGradient(x) as T;
}

/** A BN layer's parameters (gamma, beta) and moving statistics, channels-last [C]. */
export interface BatchNormParams {
  gamma: Tensor1D | Variable;
  beta: Tensor1D | Variable;
  movingMean: Tensor1D | Variable;
  movingVariance: Tensor1D | Variable;
}

/**
 * Batch normalisation over N, H, W of an NHWC tensor with the official code's settings
 * (docs/model.md "Batch normalisation"; constants.ts). Inference uses the moving statistics;
 * training uses the batch's moments and reports them to ctx.recorder as
 * `${name}/moving_{mean,variance}`; a frozen training forward uses the batch's moments too, but
 * records nothing and passes no gradient to gamma and beta.
 * @param x NHWC [N,H,W,C], any range. @returns NHWC [N,H,W,C].
 */
export function batchNorm(x: Tensor4D, name: string, p: BatchNormParams, ctx: ForwardContext): Tensor4D {
  if (!ctx.training) return normalize(x, p.movingMean, p.movingVariance, p.gamma, p.beta);
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  if (ctx.frozen === true) return normalize(x, mean, variance, stopGradient(p.gamma), stopGradient(p.beta));
  ctx.recorder?.record(`${name}/moving_mean`, mean);
  ctx.recorder?.record(`${name}/moving_variance`, variance);
  return normalize(x, mean, variance, p.gamma, p.beta);
}

function normalize(x: Tensor4D, mean: Tensor, variance: Tensor, gamma: Tensor, beta: Tensor): Tensor4D {
  return tf.batchNorm(x, mean as Tensor1D, variance as Tensor1D, beta as Tensor1D, gamma as Tensor1D, BN_EPSILON) as Tensor4D;
}

/**
 * A trainable BN layer: gamma, beta (trainable), moving mean and variance and the count of their
 * updates (running state). The moving averages warm up like TF's ExponentialMovingAverage with
 * num_updates (bnMomentum), so that a run of a few hundred iterations already has usable inference
 * statistics (with a fixed 0.99 the initial variance of 1 would still dominate after 1000 updates,
 * while the true variances are ~1e-5 at initialisation).
 */
export function createBatchNormParams(store: VariableStore, name: string, channels: number, group: VariableGroup): BatchNormParams {
  const params: BatchNormParams = {
    gamma: store.add(`${name}/gamma`, tf.ones([channels]), group, 'trainable'),
    beta: store.add(`${name}/beta`, tf.zeros([channels]), group, 'trainable'),
    movingMean: store.add(`${name}/moving_mean`, tf.zeros([channels]), group, 'state'),
    movingVariance: store.add(`${name}/moving_variance`, tf.ones([channels]), group, 'state'),
  };
  // How many times the moving statistics were updated: sets the warm-up momentum (applyStateUpdates).
  store.add(`${name}/updates`, tf.scalar(0), group, 'state');
  return params;
}

/** Momentum of the t-th moving-statistics update (t = updates so far): warm-up, then BN_MOMENTUM. */
export function bnMomentum(updates: number): number {
  return Math.min(BN_MOMENTUM, (1 + updates) / (BN_WARMUP + updates));
}

/**
 * Spectral normalisation (Miyato et al. 2018) of one kernel, used by the `fast` recipe's critics:
 * W / sigma(W), sigma estimated by one power-iteration step per training forward on the kernel seen
 * as a matrix [fan-in, out]. The vector u [1, out] is running state `${name}/sn_u`.
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
