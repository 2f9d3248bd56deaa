import { psdSqrt } from './psdSqrt.ts';
import { squareMatMul } from './squareMatMul.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import type { GaussianMoments } from './types.ts';

/** A reference distribution prepared once (its covariance square root), compared to many others. */
export interface FrechetReference {
  moments: GaussianMoments;
  /** Row-major sqrt of the reference covariance. */
  sqrtCov: Float64Array;
  trace: number;
}

export function prepareFrechetReference(moments: GaussianMoments): FrechetReference {
  return { moments, sqrtCov: psdSqrt(moments.cov, moments.dim), trace: trace(moments.cov, moments.dim) };
}

/**
 * Fréchet distance between two Gaussians (Dowson & Landau 1982; the formula of FID, Heusel et al.
 * 2017): |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)). The trace of the square root is
 * taken in its symmetric form tr((S1^(1/2) S2 S1^(1/2))^(1/2)) — the same eigenvalues as S1 S2 —
 * so both roots come from symmetric eigendecompositions, never a general (complex) sqrtm.
 * Clamped at 0 (round-off can make identical distributions come out at -1e-12).
 */
export function frechetToReference(reference: FrechetReference, other: GaussianMoments): number {
  const { moments: ref, sqrtCov } = reference;
  const n = ref.dim;
  if (other.dim !== n) throw new Error(`frechetDistance: expected ${n}-dimensional features, but got ${other.dim}`);
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (ref.mean[i] - other.mean[i]) ** 2;
  const middle = symmetrize(squareMatMul(squareMatMul(sqrtCov, other.cov, n), sqrtCov, n), n);
  const { values } = symmetricEigen(middle, n, { vectors: false });
  let traceSqrt = 0;
  for (const l of values) if (l > 0) traceSqrt += Math.sqrt(l);
  return Math.max(0, meanTerm + reference.trace + trace(other.cov, n) - 2 * traceSqrt);
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

/** (M + M^T) / 2: the product is symmetric in exact arithmetic; this removes round-off asymmetry. */
function symmetrize(m: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (m[i * n + j] + m[j * n + i]) / 2;
      m[i * n + j] = v;
      m[j * n + i] = v;
    }
  }
  return m;
}
