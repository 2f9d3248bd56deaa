/**
 * Constants of the evaluation module (docs/eval.md "What is measured" and
 * "Anchors from the literature").
 */

/** SSIM as in Wang et al. 2004: an 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2 = 0.03. */
export const SSIM_WINDOW = { size: 11, sigma: 1.5 } as const;
export const SSIM_K1 = 0.01;
export const SSIM_K2 = 0.03;
/** Dynamic range L of the images: every image tensor of the project is in [0, 1]. */
export const PIXEL_RANGE = 1;

/**
 * PSNR of identical images is infinite; JSON cannot hold Infinity, so the MSE is floored here
 * (1e-10 -> 100 dB), far above anything a generator reaches (STGAN's 31.7 dB anchor).
 */
export const MIN_MSE = 1e-10;

/** Eigenvalues below this share of the largest are treated as zero in PSD matrix square roots. */
export const EIGEN_RELATIVE_FLOOR = 1e-12;

/** factors.csv (written by `genegan synth`) and its mask folder, next to the CelebA files. */
export const FACTORS_FILE = 'factors.csv';
export const MASKS_DIR = 'masks';

/**
 * Ground-truth factors that describe "which" attribute an exemplar carries, per attribute column
 * (lower-case): exemplar fidelity checks that Bu shows the exemplar's values. Attributes without an
 * entry (e.g. Smiling: one kind of smile) have no fidelity metric.
 */
export const FIDELITY_FACTORS: Record<string, readonly string[]> = {
  eyeglasses: ['glasses_type', 'glasses_color', 'glasses_tint'],
  bangs: ['bangs_style'],
  side_lit: ['light'],
};

/**
 * Factor values that a horizontal flip turns into each other: light from the left, mirrored, is light
 * from the right. Training augmentation flips images, so their labels must flip too, or the judge
 * learns left and right as noise (it did: 68.8% held-out on light before this table existed).
 */
export const MIRRORED_FACTOR_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  light: { left: 'right', right: 'left' },
};

/** The synthetic mask folder (masks/<name>/000001.png) holding each attribute's pixels. */
export const MASK_FOR_ATTRIBUTE: Record<string, string> = {
  eyeglasses: 'eyeglasses',
  smiling: 'smiling',
  mouth_slightly_open: 'smiling',
  bangs: 'bangs',
  side_lit: 'lighting',
  lit_left: 'lighting',
  lit_right: 'lighting',
  lit_front: 'lighting',
};

/**
 * FD-faceres: @vladmandic/human's faceres model (a MobileNet-v1 face descriptor: age, gender and a
 * 1024-d global-average embedding), shipped inside the npm package, so it works offline. human feeds
 * it a face crop resized to 224 x 224 with values in [0, 255].
 */
export const FACERES = {
  package: '@vladmandic/human',
  /** Relative to the package's main file (dist/human.node.js); the package's exports hide models/. */
  modelJson: '../models/faceres.json',
  inputSize: 224,
  inputRange: [0, 255] as [number, number],
  output: 'global_pooling/Mean',
} as const;

/**
 * --inception DIR: a tfjs model.json (graph or layers model) whose output is the 2048-d pool3
 * feature of Inception-v3, as FID uses; optional DIR/genegan-features.json overrides these.
 */
export const INCEPTION_DEFAULTS = {
  configFile: 'genegan-features.json',
  inputSize: 299,
  inputRange: [-1, 1] as [number, number],
} as const;

/**
 * Post-training quantized variants evaluated next to the float model by default (docs/eval.md "Quantized rows"):
 * balanced and uniform weights at 2, 3 and 4 bits; float activations; first and last layer float.
 */
export const DEFAULT_PTQ = [
  { method: 'balanced', wbits: 2 },
  { method: 'balanced', wbits: 3 },
  { method: 'balanced', wbits: 4 },
  { method: 'uniform', wbits: 2 },
  { method: 'uniform', wbits: 3 },
  { method: 'uniform', wbits: 4 },
] as const;
/** Activation bits of the post-training variants unless --abits says otherwise (32 = float). */
export const DEFAULT_PTQ_ABITS = 32;

/** Report pictures: pairs in the swap grids, strengths of the ramps, side of the matrix grid. */
export const REPORT_DEFAULTS = {
  examples: 6,
  rampTargets: 3,
  rampStrengths: [0, 0.25, 0.5, 0.75, 1, 1.5],
  matrixSide: 5,
  /** On-screen magnification of the 64 px images (CSS, pixelated). */
  zoom: 2,
  /** JPEG quality of the report's grids. */
  jpegQuality: 92,
  /** Pairs shown at the larger size in the counterfactual section. */
  counterfactualExamples: 4,
} as const;

/** metrics.json formatVersion. */
export const METRICS_FORMAT_VERSION = 1;

/** Defaults of runEvaluation (filled on a copy of the caller's options). */
export const EVAL_DEFAULTS = {
  split: 'test',
  pairs: 300,
  batchSize: 16,
  features: ['attrclf', 'faceres'],
  abits: 32,
  /** BN recalibration images per set for post-training variants, as genegan quantize --calibrate. */
  calibrate: 64,
  /**
   * Synthetic sets: the counterfactual truths are also drawn at this many times the model's size
   * (4: 256 px for a 64 px model), where residual composition keeps the input's detail; 0 = none.
   */
  counterfactualScale: 4,
} as const;
