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
  /** Random horizontal flips (training only); ignored for attributes a mirror inverts (CHIRAL_ATTRIBUTES). */
  flip?: boolean;
  /** Batches decoded ahead of time per side. */
  prefetch?: number;
  /** Decoded images kept in memory (a small bounded LRU), never the whole set. */
  cacheSize?: number;
  /** CelebA only: use img_align_celeba ("aligned", the default when present) or img_celeba ("wild"). */
  celebaImages?: 'aligned' | 'wild';
  /** Folder only: photos are not aligned; detect and align the largest face (src/face pipeline). */
  detectFaces?: boolean;
  /** Multi-PIE only: illumination index of the "with" and "without" sets (default 7 vs 0) and one camera. */
  multipie?: { withIllumination?: number; withoutIllumination?: number; camera?: string; landmarks?: string };
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

/**
 * What openDataset returns: the shared PairedDataset contract plus what evaluation needs to visit
 * every image of a split once, in a fixed order (added by the data module; the contract above is
 * unchanged so fakes of PairedDataset stay valid).
 */
export interface OpenedDataset extends PairedDataset {
  /** The attribute column or selection the sides were made from (e.g. "Eyeglasses", "flash 07 vs 00"). */
  readonly attribute: string;
  readonly split: Split;
  /** Image ids of one side in a stable order (CelebA: file names like 000001.jpg). */
  ids(side: Side): readonly string[];
  /**
   * Images start..start+count-1 of ids(side), unshuffled and unflipped; unreadable ones are
   * skipped (counted in `skipped`), so the batch can be smaller than `count`.
   * @returns NHWC float32 [n, size, size, 3], values in [0, 1], with the ids it holds; caller disposes.
   */
  batchAt(side: Side, start: number, count: number): Promise<{ images: Tensor4D; ids: string[] }>;
}

/** What a layout reader (CelebA, Multi-PIE, folder) hands to createPairedDataset. */
export interface ImageSource {
  layout: PairedDataset['layout'];
  imageSize: number;
  attribute: string;
  split: Split;
  /** Image ids per side (in the chosen split), in a stable order. */
  ids: Record<Side, string[]>;
  /** Decodes one image to RGB HWC uint8 of imageSize x imageSize; throws when it is unreadable. */
  load(id: string): Promise<Uint8Array>;
}
