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
