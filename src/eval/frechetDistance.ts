import { covarianceSqrt, traceSqrtProduct } from './traceSqrtProduct.ts';
import type { GaussianMoments } from './types.ts';

/** A reference distribution prepared once and compared to many others (its covariance root is cached). */
export interface FrechetReference {
  moments: GaussianMoments;
  trace: number;
  /** Row-major sqrt of the reference covariance, computed on first need (the d x d form only). */
  sqrtCov(): Float64Array;
}

export function prepareFrechetReference(moments: GaussianMoments): FrechetReference {
  let root: Float64Array | null = null;
  return {
    moments,
    trace: trace(moments.cov, moments.dim),
    sqrtCov: () => (root ??= covarianceSqrt(moments)),
  };
}

/**
 * Fréchet distance between two Gaussians (Dowson & Landau 1982; the formula of FID, Heusel et al.
 * 2017): |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)). The cross term comes from symmetric
 * eigendecompositions only, never a general (complex) sqrtm (see traceSqrtProduct). Clamped at 0
 * (round-off can make identical distributions come out at -1e-12).
 */
export function frechetToReference(reference: FrechetReference, other: GaussianMoments): number {
  const ref = reference.moments;
  const n = ref.dim;
  if (other.dim !== n) throw new Error(`frechetDistance: expected ${n}-dimensional features, but got ${other.dim}`);
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (ref.mean[i] - other.mean[i]) ** 2;
  const cross = traceSqrtProduct(ref, other, reference.sqrtCov);
  return Math.max(0, meanTerm + reference.trace + trace(other.cov, n) - 2 * cross);
}

/** Fréchet distance between two Gaussians given by their moments (see frechetToReference). */
export function frechetDistance(a: GaussianMoments, b: GaussianMoments): number {
  return frechetToReference(prepareFrechetReference(a), b);
}

function trace(matrix: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += matrix[i * n + i];
  return t;
}
