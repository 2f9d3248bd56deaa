import { EIGEN_MAX_ITERATIONS } from './constants.ts';

/**
 * Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by the QL algorithm
 * with implicit Wilkinson shifts (Golub & Van Loan section 8.3; "tqli" in Numerical Recipes).
 * Works in place: `diagonal` ends as the eigenvalues (unsorted), `offDiagonal` is destroyed.
 * When `z` (row-major n x n, the Householder Q or the identity) is given, its columns end as the
 * eigenvectors of the original matrix.
 */
export function tridiagonalQl(diagonal: Float64Array, offDiagonal: Float64Array, n: number, z?: Float64Array): void {
  const d = diagonal;
  const e = offDiagonal;
  e[n - 1] = 0;
  const tolerance = Number.EPSILON * tridiagonalNorm(d, e, n);
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      const m = splitPoint(e, n, l, tolerance);
      if (m === l) break;
      if (iteration >= EIGEN_MAX_ITERATIONS) {
        throw new Error(`symmetricEigen: QL did not converge for eigenvalue ${l} after ${EIGEN_MAX_ITERATIONS} iterations`);
      }
      qlSweep(d, e, n, l, m, z);
    }
  }
}

/**
 * The first m >= l where the off-diagonal is negligible (m = n - 1 at the end). Negligible is
 * measured against the whole matrix's norm, not the neighbouring diagonal: covariances of fewer
 * samples than dimensions have many zero eigenvalues, where a purely local test never deflates.
 * Eigenvalues are then exact to about eps * |T|, the usual backward-stable bound.
 */
function splitPoint(e: Float64Array, n: number, l: number, tolerance: number): number {
  let m = l;
  while (m < n - 1 && Math.abs(e[m]) > tolerance) m++;
  return m;
}

/** Infinity norm of the tridiagonal matrix (its largest absolute row sum). */
function tridiagonalNorm(d: Float64Array, e: Float64Array, n: number): number {
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
  return norm;
}

/** One implicit shifted QL step on the unreduced block l..m (Givens rotations chased upwards). */
function qlSweep(d: Float64Array, e: Float64Array, n: number, l: number, m: number, z?: Float64Array): void {
  // Wilkinson shift from the leading 2x2 block
  let g = (d[l + 1] - d[l]) / (2 * e[l]);
  let r = Math.hypot(g, 1);
  g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
  let s = 1;
  let c = 1;
  let p = 0;
  for (let i = m - 1; i >= l; i--) {
    const f = s * e[i];
    const b = c * e[i];
    r = Math.hypot(f, g);
    e[i + 1] = r;
    if (r === 0) {
      // underflow: the block splits here; undo the partial shift and let the caller retry
      d[i + 1] -= p;
      e[m] = 0;
      return;
    }
    s = f / r;
    c = g / r;
    g = d[i + 1] - p;
    r = (d[i] - g) * s + 2 * c * b;
    p = s * r;
    d[i + 1] = g + p;
    g = c * r - b;
    if (z) rotateColumns(z, n, i, s, c);
  }
  d[l] -= p;
  e[l] = g;
  e[m] = 0;
}

/** Applies the Givens rotation of the sweep to columns i and i+1 of z. */
function rotateColumns(z: Float64Array, n: number, i: number, s: number, c: number): void {
  for (let k = 0; k < n; k++) {
    const row = k * n;
    const f = z[row + i + 1];
    z[row + i + 1] = s * z[row + i] + c * f;
    z[row + i] = c * z[row + i] - s * f;
  }
}
