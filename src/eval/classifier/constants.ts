/** Constants of the evaluation classifiers (issue 8). */

/** manifest.json formatVersion of classifier directories. */
export const CLASSIFIER_FORMAT_VERSION = 1;
export const CLASSIFIER_FILES = { manifest: 'manifest.json', weights: 'weights.bin' } as const;

/**
 * Stage widths as multiples of config.width: four stride-2 3x3 convs (64 -> 32 -> 16 -> 8 -> 4 px at
 * 64 px input), then a global average -> 4w features. Small enough to train in minutes on a CPU.
 */
export const STAGE_MULTIPLIERS = [1, 2, 4, 4] as const;
export const KERNEL_SIZE = 3;
export const LEAKY_SLOPE = 0.2;

export const CLASSIFIER_DEFAULTS = {
  inputSize: 64,
  width: 16,
  steps: 800,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 0,
  /** Held-out images per side (attribute) or in total (factors) used for the reported accuracy. */
  heldOutImages: 400,
  /** Log the training loss every this many steps. */
  logEvery: 50,
} as const;

/** Labels of the attribute classifier's single head, in output order. */
export const ATTRIBUTE_LABELS = ['without', 'with'] as const;
