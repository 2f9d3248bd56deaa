import type { Tensor, Tensor1D, Tensor4D, Tensor2D, Variable } from '../backend/tf.ts';
import type { QuantConfig } from '../quant/types.ts';

/**
 * GeneGAN's configuration, latent, variables and the two model interfaces (docs/model.md
 * "Networks", "Interface"). All images are NHWC float32 in [0, 1].
 */
export interface GeneganConfig {
  /** Square image side: 64 (3 stages to 8x8) or 128 (one more stage). */
  imageSize: 64 | 128;
  /** Base channel count; the paper's is 128. Every layer width is a multiple of it. */
  width: number;
  /** Share of latent channels that form the object part u (the last channels); 0.25. */
  objectRatio: number;
  /** Fake-quantize the generator (encoder + decoder); critics stay float. */
  quant?: QuantConfig;
  /**
   * Spectral normalisation of the critics' kernels (the `fast` recipe; not in the official code).
   * Default false. Only affects training: inference models contain no critic.
   */
  criticSpectralNorm?: boolean;
  /**
   * Batch norm in the critics (official layout: true, the default). The `fast` recipe turns it off:
   * per-channel 1/std rescaling would undo spectral normalisation's Lipschitz bound.
   */
  criticBatchNorm?: boolean;
  /**
   * Critics see their input blurred by the 3x3 binomial filter (the `fast` recipe; default false):
   * it removes the checkerboard frequency of stride-2 deconvolutions, so the generator's adversarial
   * gradient carries no such patterns.
   */
  criticBlur?: boolean;
  /**
   * Factor on the critics' scores (default 1, stored only when set). A spectral-normalised critic
   * is 1-Lipschitz and its scores stay far below the hinge margin on these images
   * (docs/training.md); a gain g makes it g-Lipschitz. Experimental (bench/recipes.bench.ts).
   */
  criticGain?: number;
}

/** The latent of one batch, split into background and object parts (NHWC). */
export interface Latent {
  background: Tensor4D;
  object: Tensor4D;
}

/** Which network a variable belongs to; the optimiser and the model files work per group. */
export type VariableGroup = 'generator' | 'critic';

/** What kind of variable: trained by gradients, or running state (BN moving stats, SN vectors). */
export type VariableRole = 'trainable' | 'state';

export interface VariableEntry {
  /** Stable name, e.g. "encoder/conv2/kernel"; used in model files, checkpoints and gradient maps. */
  name: string;
  variable: Variable;
  group: VariableGroup;
  role: VariableRole;
}

/**
 * Receives running-state proposals made by training-mode forwards (batch moments of a BN layer,
 * the next spectral-norm vector). Keyed by the state variable's stable name; the trainer turns
 * them into updates with `Genegan.applyStateUpdates` after the gradient step.
 */
export interface StateRecorder {
  record(name: string, value: Tensor): void;
}

/**
 * A generator that infers (docs/model.md "Interface"): what the inference operations, the editor,
 * the service, evaluation and the CLI need. Float models, QAT models and packed low-bit models all
 * implement all of it. Inference mode: BN uses its moving statistics, so a row's result does not
 * depend on its batch-mates. (`training` may be passed as `false` so that code written for the
 * trainable model reads the same; an inference generator has no training mode.)
 */
export interface Generator {
  readonly config: GeneganConfig;
  /** Au or B0 [N,S,S,3] in [0,1] -> latent [N,8,8,C] (at 64 and 128 px) split into background / object. */
  encode(images: Tensor4D, training?: false): Latent;
  /** Latent parts -> images [N,S,S,3] in [0,1]. */
  decode(background: Tensor4D, object: Tensor4D, training?: false): Tensor4D;
  /**
   * The generator's variables (weights and BN moving statistics) with stable names: what model
   * files hold and what a model describes itself by. A packed model's hold its dequantized weights.
   */
  entries(): VariableEntry[];
  dispose(): void;
}

/** The trainable GeneGAN: the generator in training and inference mode, plus the critics D_u and D_0. */
export interface Genegan extends Generator {
  /** training: BN on the batch's moments, reported to `recorder`. */
  encode(images: Tensor4D, training?: boolean): Latent;
  decode(background: Tensor4D, object: Tensor4D, training?: boolean): Tensor4D;
  /**
   * The encoder as a fixed function (BN on the batch's moments as in training, no gradient to its
   * weights, records no state): for loss terms that judge generated images by their latent.
   * NHWC [N,S,S,3] in [0,1].
   */
  encodeFrozen(images: Tensor4D): Latent;
  /** Critic for the "with" (u) or "without" (0) set: images -> scores [N,1], no sigmoid. */
  critic(side: 'u' | '0', images: Tensor4D, training: boolean): Tensor2D;
  /** Trainable variables of encoder + decoder. */
  generatorVariables(): Variable[];
  /** Trainable variables of both critics. */
  criticVariables(): Variable[];
  /** True when the critics exist (training models and checkpoints; models loaded for inference have none). */
  readonly hasCritics: boolean;
  /** Every variable with its stable name, group and role (trainable or running state), critics' too. */
  entries(): VariableEntry[];
  /**
   * While non-null, training-mode forwards report running-state proposals here (see StateRecorder).
   * Set by the train step functions around their forward pass.
   */
  recorder: StateRecorder | null;
  /**
   * Applies averaged proposals: BN moving stats move by the momentum towards the batch moments;
   * spectral-norm vectors are replaced (normalised). Names not in the model are an error.
   */
  applyStateUpdates(updates: Record<string, Tensor>): void;
}

/** Batch moments of one BN call, channels-last [C]. */
export interface Moments {
  mean: Tensor1D;
  variance: Tensor1D;
}

/** tfjs's weights-manifest group (model.json "weightsManifest"). */
export interface WeightsGroup {
  paths: string[];
  weights: Array<{ name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64' }>;
}

/** Quantization fields of a model manifest (null for a float model). */
export interface ManifestQuantization {
  method: string;
  wbits: number;
  abits: number;
  /** True when the weights are stored as packed low-bit codes (read by src/quant). */
  packed: boolean;
  [extra: string]: unknown;
}

/** manifest.json of a model directory (docs/model.md). */
export interface ModelManifest {
  formatVersion: number;
  kind: 'genegan-model';
  config: GeneganConfig;
  attribute: string | null;
  imageSize: number;
  recipe: string | null;
  iterations: number;
  /** Summary of the training data (layout, counts, path); free-form. */
  data: Record<string, unknown> | null;
  /** Backend the model was trained on. */
  backend: string | null;
  quantization: ManifestQuantization | null;
  createdAt: string;
  weightsManifest: WeightsGroup[];
  /** How answers are composed from this model's outputs (src/edit/changeMask.ts); optional. */
  composite?: { changeMask?: Record<string, number> };
  [extra: string]: unknown;
}

/** Caller-supplied manifest fields for saveModel (the rest comes from the model). */
export type ManifestFields = Partial<Omit<ModelManifest, 'formatVersion' | 'kind' | 'config' | 'imageSize' | 'weightsManifest'>>;
