import type { NamedTensorMap, Tensor4D } from '../backend/tf.ts';
import type { DatasetState, PairedDataset } from '../data/types.ts';
import type { ChangeMaskOptions } from '../face/composite.ts';
import type { Genegan, GeneganConfig, WeightsGroup } from '../model/types.ts';

/** Numbers logged per step, by name (docs/training.md "Losses"). */
export type LossRecord = Record<string, number>;

export type GanLoss = 'wgan' | 'hinge' | 'lsgan';

export type OptimizerConfig =
  | { kind: 'rmsprop'; learningRate: number; decay: number; epsilon: number }
  | { kind: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number };

/** Weights of the generator's loss terms (docs/training.md "Losses": the official
 * code's numbers in images-in-[0,1] units). */
export interface LossWeights {
  nulling: number;
  reconstruction: number;
  adversarial: number;
  parallelogram: number;
  weightDecay: number;
  /**
   * Object-part cycle (not in the paper; absent = 0, off): the encoder, frozen, reads the fakes:
   * mean|x(Bu) - x| + mean|x(A0)|. Bu must carry the exemplar's object part and A0 none, a
   * non-adversarial push of the attribute's details out of the background (docs/training.md).
   */
  objectCycle?: number;
  /**
   * Swap-back cycle (not in the paper; ELEGANT's, absent = 0, off): with (A', .) = Enc(A0) and
   * (B', x') = Enc(Bu) (frozen encoder), mean|Au - Dec(A', x')| + mean|B0 - Dec(B', 0)|: the
   * attribute must travel through Bu's pixels and come back, so its details (e.g. the glasses'
   * shape) cannot hide in the background part.
   */
  swapCycle?: number;
}

/** Everything that makes one training recipe (see recipes.ts for `paper` and `fast`). */
export interface Recipe {
  name: string;
  gan: GanLoss;
  generatorOptimizer: OptimizerConfig;
  criticOptimizer: OptimizerConfig;
  /** WGAN weight clipping of every trainable critic variable after each critic step; null = none. */
  criticClip: number | null;
  /** Spectral normalisation on the critics' kernels (sets GeneganConfig.criticSpectralNorm). */
  criticSpectralNorm: boolean;
  /** Batch norm in the critics (sets GeneganConfig.criticBatchNorm). */
  criticBatchNorm: boolean;
  /** Critics see binomially blurred images (sets GeneganConfig.criticBlur). */
  criticBlur: boolean;
  /** Factor on the critics' scores (sets GeneganConfig.criticGain; absent = 1). */
  criticGain?: number;
  /** Critic steps per iteration: `burstSteps` when iteration % burstEvery == 0, else `steps`. */
  criticSchedule: { steps: number; burstEvery: number; burstSteps: number };
  /**
   * true: each critic step draws a fresh batch and runs before the generator step (official code).
   * false: one batch per iteration; the critic reuses the generator step's fakes (cheaper).
   */
  criticFreshBatch: boolean;
  weights: LossWeights;
  /** Default pairs per iteration for this recipe. */
  batchSize: number;
  /**
   * Both learning rates fall linearly from the optimiser's to 0 between iterations `from` and `to`
   * (CycleGAN's schedule; `learningRateScale` in recipes.ts); absent = constant.
   */
  learningRateDecay?: { from: number; to: number };
  /**
   * What the critics see as fakes (residualFakes.ts; docs/training.md "Residual fakes"); absent =
   * the decodes, as in the paper.
   */
  fakes?: FakesShown;
}

/** 'decoded': Bu and A0 themselves; 'residual': the inputs plus the masked change, as served. */
export type FakesShown = { kind: 'decoded' } | { kind: 'residual'; mask: Partial<ChangeMaskOptions> };

/** Result of a gradient computation, ready to be averaged across workers and applied. */
export interface StepGradients {
  /** Loss terms of this step by name, including `total`. */
  losses: LossRecord;
  /** Gradients by the variables' stable names (model entries()). */
  grads: NamedTensorMap;
  /** Running-state proposals (BN batch moments, SN vectors) by state-variable name. */
  stateUpdates: NamedTensorMap;
}

/** The generator's fakes of one batch, kept for the critic step (criticFreshBatch false). */
export interface Fakes {
  /** Bu = Dec(B, x): B0 with Au's object part. NHWC [N,S,S,3] in [0,1]. */
  bu: Tensor4D;
  /** A0 = Dec(A, 0): Au without its object part. NHWC [N,S,S,3] in [0,1]. */
  a0: Tensor4D;
}

/**
 * Where the trainer gets its gradients. The default (LOCAL_GRADIENTS in runIteration.ts) computes
 * them in this thread; a parallel engine (parallel/createParallelGradients.ts) splits the batch
 * across workers and returns averaged gradients, losses and state proposals in the same form
 * (names = the model's stable variable names).
 */
export interface GradientEngine {
  generator(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe, keepFakes: boolean): Promise<StepGradients & { fakes?: Fakes }>;
  critic(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe, fakes?: Fakes): Promise<StepGradients>;
  dispose?(): Promise<void> | void;
}

export interface TrainConfig {
  /** Network config (a preset's); criticSpectralNorm is set from the recipe. */
  model: GeneganConfig;
  recipe: Recipe;
  dataset: PairedDataset;
  /** Where checkpoints, losses.jsonl and samples go. */
  runDir: string;
  /** Where the inference model (generator only) is written at each checkpoint and at the end; optional. */
  outDir?: string;
  /** Total iterations (a resumed run continues up to this number). */
  iterations: number;
  batchSize?: number;
  seed?: number;
  resume?: boolean;
  checkpointEvery?: number;
  sampleEvery?: number;
  /** Checkpoints kept on disk (oldest removed first). */
  keep?: number;
  /** Fixed pairs drawn for sample grids (owned by the caller); none = no grids. */
  samples?: { au: Tensor4D; b0: Tensor4D };
  /** Extra manifest fields of the written model (attribute, data summary...). */
  manifest?: Record<string, unknown>;
  /** Called after every iteration (progress bar). */
  onIteration?: (info: IterationInfo) => void;
  /**
   * Stops at the end of the current iteration and writes a final checkpoint. With a signal the
   * loop yields to the event loop after every iteration, so an abort from a message or a signal
   * handler lands within one iteration even when the data and the compute never touch I/O.
   */
  signal?: AbortSignal;
  /** Called after each checkpoint is on disk (a supervisor counts durable progress). */
  onCheckpoint?: (iteration: number) => void;
  /** Log lines (checkpoint written, resumed from...). Default: nothing. */
  log?: (line: string) => void;
  /**
   * Inference model directory whose generator starts the run when the run directory has no
   * checkpoint (a checkpoint, with resume, takes precedence); the iteration count continues from
   * its manifest. Critics, optimisers and data stream start fresh (initFromModel.ts).
   */
  initFrom?: string;
  /** Where gradients are computed; default this thread (LOCAL_GRADIENTS). Not disposed by train(). */
  gradients?: GradientEngine;
}

export interface IterationInfo {
  iteration: number;
  iterations: number;
  /** Iterations per second since the (re)start. */
  rate: number;
  losses: { generator: LossRecord; critic: LossRecord };
}

export interface TrainResult {
  iterations: number;
  stoppedEarly: boolean;
  /** Mean of the last logged iterations' losses. */
  finalLosses: { generator: LossRecord; critic: LossRecord };
  itersPerSecond: number;
  pairsPerSecond: number;
  backend: string;
  lastCheckpoint: string | null;
}

/** What a checkpoint's checkpoint.json records besides the weights. */
export interface CheckpointMeta {
  formatVersion: number;
  kind: 'genegan-checkpoint';
  iteration: number;
  config: GeneganConfig;
  recipe: Recipe;
  seed: number;
  batchSize: number;
  datasetState: DatasetState;
  backend: string;
  weightsManifest: WeightsGroup[];
}
