/**
 * Types of the evaluation module (issue 8).
 */

/** A Gaussian fitted to feature vectors: what the Fréchet distance compares. */
export interface GaussianMoments {
  dim: number;
  /** Samples the moments came from. */
  count: number;
  mean: Float64Array;
  /** Row-major dim x dim sample covariance (divided by count - 1). */
  cov: Float64Array;
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
