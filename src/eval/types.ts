/**
 * Types of the evaluation module (docs/eval.md).
 */

/** A Gaussian fitted to feature vectors: what the Fréchet distance compares. */
export interface GaussianMoments {
  dim: number;
  /** Samples the moments came from. */
  count: number;
  mean: Float64Array;
  /** Row-major dim x dim sample covariance (divided by count - 1). */
  cov: Float64Array;
  /**
   * When count <= dim: the samples themselves, centred and divided by sqrt(count - 1), row-major
   * [count, dim] (cov = samples^T samples), for the exact low-rank Fréchet computation.
   */
  samples?: Float64Array;
}

/** Which set an image belongs to (the data module's Side). */
export type EvalSide = 'with' | 'without';

/**
 * What the evaluation needs from a dataset: a fixed, unshuffled pass over each side with image ids.
 * The data module's OpenedDataset (openDataset) satisfies it; tests may pass small fakes.
 */
export interface EvalDataset {
  readonly layout: string;
  readonly imageSize: number;
  readonly counts: Record<EvalSide, number>;
  readonly skipped: number;
  readonly attribute: string;
  readonly split: string;
  ids(side: EvalSide): readonly string[];
  /**
   * Images start..start+count-1 of ids(side), unshuffled; unreadable ones are skipped.
   * @returns NHWC float32 [n, S, S, 3] in [0, 1] with the ids it holds; the caller disposes images.
   */
  batchAt(side: EvalSide, start: number, count: number): Promise<{ images: import('../backend/tf.ts').Tensor4D; ids: string[] }>;
  /**
   * Next batch of the endless shuffled stream of one side (training the classifiers).
   * @returns NHWC float32 [batch, S, S, 3] in [0, 1]; the caller disposes it.
   */
  next(side: EvalSide, batchSize: number): Promise<import('../backend/tf.ts').Tensor4D>;
  close(): Promise<void>;
}

/** Judges P(attribute) of images: the attribute classifier (or a stub in tests of the counting). */
export interface AttributeJudge {
  /**
   * @param images NHWC float32 [N, H, W, 3] in [0, 1]
   * @returns [N] probability that each image has the attribute; the caller disposes it
   */
  probabilityWith(images: import('../backend/tf.ts').Tensor4D): import('../backend/tf.ts').Tensor1D;
}

/** Predicts ground-truth factors (glasses type, colour, tint...) of images: the factors classifier. */
export interface FactorJudge {
  readonly heads: readonly { name: string; labels: readonly string[] }[];
  /**
   * @param images NHWC float32 [N, H, W, 3] in [0, 1]
   * @returns per head, the predicted label index of each image
   */
  predict(images: import('../backend/tf.ts').Tensor4D): Promise<Record<string, Int32Array>>;
}

/** A network whose features the Fréchet distance compares, named for what it is ("FD-faceres"). */
export interface FeatureNetwork {
  readonly name: string;
  readonly dim: number;
  /** What the features are (for the report and metrics.json). */
  readonly description: string;
  /**
   * @param images NHWC float32 [N, H, W, 3] in [0, 1]
   * @returns [N, dim] features; the caller disposes them
   */
  features(images: import('../backend/tf.ts').Tensor4D): import('../backend/tf.ts').Tensor2D;
  dispose(): void;
}

/** Mean, sample standard deviation and count of a per-image metric. */
export interface Stat {
  mean: number;
  std: number;
  n: number;
}

/** The scores of one generator (a row of the report's table); see docs/eval.md for every key. */
export interface VariantMetrics {
  label: string;
  /** A --model directory, a post-training quantized copy, or the float model with recalibrated BN. */
  source: 'model' | 'ptq' | 'recalibrated';
  modelDir: string;
  quantization: { method: string; wbits: number; abits: number; floatFirstLast: boolean } | null;
  /** Share of Bu judged "with" and of A0 judged "without" by the attribute classifier; null without one. */
  transfer: { buWith: number; a0Without: number; mean: number; pairs: number } | null;
  /** PSNR (dB) and SSIM of Au' against Au and of B0' (zero object part) against B0. */
  reconstruction: { auPsnr: Stat; auSsim: Stat; b0Psnr: Stat; b0Ssim: Stat };
  /** Share of Bu whose predicted factor equals its exemplar Au's ground truth, per factor and all at once. */
  fidelity: {
    perFactor: Record<string, number>;
    /** The same on Au' = Dec(A, x): the reconstruction's ceiling for Bu (absent in reports before it existed). */
    reconstructionPerFactor?: Record<string, number>;
    /**
     * Per factor head: counts[t][p] = pairs whose exemplar Au has label t and whose Bu the judge reads
     * as label p (the diagonal is perFactor's numerator); pairs whose Au has no such label are left out.
     * Absent in reports before it existed.
     */
    confusion?: Record<string, { labels: string[]; counts: number[][] }>;
    all: number;
    pairs: number;
  } | null;
  /** Mean absolute change (0..1) outside the attribute mask: Bu vs B0, A0 vs Au, and B0' vs B0 (the floor). */
  preservation: { buVsB0: Stat; a0VsAu: Stat; b0RecVsB0: Stat } | null;
  /** Per feature network (e.g. "FD-faceres"): Fréchet distance of Bu to real Au and of A0 to real B0. */
  frechet: Record<string, { bu: number; a0: number }>;
  /**
   * Synthetic sets: generated Bu and A0 against the true ones drawn from factors.csv, for both
   * composites, at the model's size and at `scale` x (null when not measured; absent in reports
   * before it existed).
   */
  counterfactual?: CounterfactualMetrics | null;
  /** Bytes of the generator's weight files (packed.json + packed.bin for low-bit models). */
  weightBytes: number;
  /** Wall time spent generating and scoring this variant. */
  seconds: number;
}

/** Counterfactual scores of one generator (docs/eval.md "Counterfactual truths"). */
export interface CounterfactualMetrics {
  /** The model's image size; the larger render is scale x it. */
  modelSize: number;
  scale: number;
  /** Change-mask thresholds residual composition used. */
  changeMask: { sigma: number; low: number; high: number; feather: number };
  /** One row per composite and size: PSNR (dB) and SSIM against the truth, and transfer success. */
  rows: Array<{
    composite: 'residual' | 'replace';
    size: number;
    bu: { psnr: Stat; ssim: Stat };
    a0: { psnr: Stat; ssim: Stat };
    /** The judge's reading of each result brought to the model's size; null without a classifier. */
    transfer: { buWith: number; a0Without: number; mean: number; pairs: number } | null;
  }>;
}

/** metrics.json (formatVersion 1); see docs/eval.md. */
export interface EvalMetrics {
  formatVersion: number;
  createdAt: string;
  backend: string;
  data: { dir: string; layout: string; attribute: string; split: string; pairs: number; imageSize: number; skipped: number };
  classifiers: {
    attribute: { dir: string; heldOutAccuracy: number | null; realAccuracy: { au: number; b0: number } } | null;
    factors: { dir: string; heldOutAccuracy: Record<string, number> | null; realAccuracy: Record<string, number> } | null;
  };
  featureNetworks: { name: string; dim: number; description: string }[];
  /** Notes on metrics that were skipped and why (e.g. "no masks: run genegan synth --masks"). */
  notes: string[];
  variants: VariantMetrics[];
  seconds: number;
}
