/** Trainer defaults (docs/training.md "Schedule": checkpoint and samples every 500). */
export const DEFAULT_CHECKPOINT_EVERY = 500;
export const DEFAULT_SAMPLE_EVERY = 500;
export const DEFAULT_KEEP = 3;
export const DEFAULT_SEED = 0;

export const CHECKPOINT_FORMAT_VERSION = 1;
export const CHECKPOINTS_DIR = 'checkpoints';
export const CHECKPOINT_PREFIX = 'ckpt-';
export const CHECKPOINT_META = 'checkpoint.json';
export const CHECKPOINT_WEIGHTS = 'weights.bin';
export const LOSSES_FILE = 'losses.jsonl';
export const SAMPLES_DIR = 'samples';

/** Iterations averaged for the reported final losses. */
export const FINAL_LOSS_WINDOW = 20;
/** Pairs in a sample grid (rows). */
export const SAMPLE_ROWS = 8;

/** Prefixes of the two optimisers' slots in a checkpoint. */
export const GENERATOR_OPTIMIZER_PREFIX = 'optimizer_g/';
export const CRITIC_OPTIMIZER_PREFIX = 'optimizer_d/';
