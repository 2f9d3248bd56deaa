import type { Tensor4D } from '../backend/tf.ts';

/**
 * The dataset interface shared by the trainer, the evaluation and the service.
 * (Contract fixed up-front so the model, data and eval work can proceed in parallel.)
 */

/** "with": images that have the attribute (set Au); "without": images that lack it (set B0). */
export type Side = 'with' | 'without';

/** CelebA's partition codes: 0 train, 1 val, 2 test. */
export type Split = 'train' | 'val' | 'test';

export interface DatasetOptions {
  /** CelebA attribute column, case-insensitive (e.g. "Eyeglasses"); not used by the folder layout. */
  attribute?: string;
  /** Output side in pixels (square); 64 or 128. */
  imageSize: number;
  split?: Split;
  /** Seed of the shuffles; the same seed gives the same stream. */
  seed?: number;
  /** Random horizontal flips (training only). */
  flip?: boolean;
  /** Batches decoded ahead of time per side. */
  prefetch?: number;
  /** Decoded images kept in memory (a small bounded LRU), never the whole set. */
  cacheSize?: number;
}

/** Enough to continue both streams exactly where they were (saved with checkpoints). */
export interface DatasetState {
  with: { epoch: number; position: number };
  without: { epoch: number; position: number };
}

export interface PairedDataset {
  readonly layout: 'celeba' | 'multipie' | 'folder' | 'synthetic';
  readonly imageSize: number;
  /** Images per side in this split. */
  readonly counts: Record<Side, number>;
  /** Corrupt or unreadable images skipped so far (reported by trainer and eval). */
  readonly skipped: number;
  /**
   * Next batch from the endless shuffled stream of one side.
   * @returns NHWC float32 [batch, size, size, 3], values in [0, 1]; the caller disposes it.
   */
  next(side: Side, batchSize: number): Promise<Tensor4D>;
  state(): DatasetState;
  restore(state: DatasetState): void;
  close(): Promise<void>;
}
