/**
 * Householder reduction of a real symmetric matrix to tridiagonal form, T = Q^T A Q
 * (Golub & Van Loan, "Matrix Computations", section 8.3.1). The first step of symmetricEigen.
 */
export interface Tridiagonal {
  /** Diagonal of T, length n. */
  diagonal: Float64Array;
  /** offDiagonal[i] = T[i+1][i]; length n, the last entry 0. */
  offDiagonal: Float64Array;
  /** Q (row-major n x n) when vectors were asked for: A = Q T Q^T. */
  q?: Float64Array;
}

/**
 * @param matrix row-major n x n, symmetric (only read; a working copy is made)
 * @param wantQ accumulate the orthogonal Q (needed for eigenvectors)
 */
export function householderTridiagonal(matrix: Float64Array, n: number, wantQ: boolean): Tridiagonal {
  const a = Float64Array.from(matrix);
  const q = wantQ ? identity(n) : undefined;
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    if (!reflector(a, n, k, v)) continue;
    applyBothSides(a, n, k, v, p);
    if (q) applyRight(q, n, k, v);
  }
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diagonal[i] = a[i * n + i];
    if (i + 1 < n) offDiagonal[i] = a[(i + 1) * n + i];
  }
  return { diagonal, offDiagonal, q };
}

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/**
 * Unit vector v (entries k+1..n-1) with (I - 2vv^T) x = alpha e_1 for x = column k below the diagonal.
 * Returns false when that column is already zero (nothing to reflect).
 */
function reflector(a: Float64Array, n: number, k: number, v: Float64Array): boolean {
  let norm2 = 0;
  for (let i = k + 1; i < n; i++) norm2 += a[i * n + k] ** 2;
  const x0 = a[(k + 1) * n + k];
  if (norm2 - x0 * x0 === 0) return false; // already tridiagonal in this column
  // alpha takes the sign opposite to x0 so that v0 = x0 - alpha does not cancel
  const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
  for (let i = k + 1; i < n; i++) v[i] = a[i * n + k];
  v[k + 1] -= alpha;
  let vNorm = 0;
  for (let i = k + 1; i < n; i++) vNorm += v[i] * v[i];
  vNorm = Math.sqrt(vNorm);
  for (let i = k + 1; i < n; i++) v[i] /= vNorm;
  return true;
}

/** A <- H A H on the trailing block, as the rank-2 update A - 2 v w^T - 2 w v^T with w = p - (v.p) v. */
function applyBothSides(a: Float64Array, n: number, k: number, v: Float64Array, p: Float64Array): void {
  const start = k + 1;
  for (let i = start; i < n; i++) {
    let sum = 0;
    for (let j = start; j < n; j++) sum += a[i * n + j] * v[j];
    p[i] = sum;
  }
  let vp = 0;
  for (let i = start; i < n; i++) vp += v[i] * p[i];
  for (let i = start; i < n; i++) p[i] -= vp * v[i];
  for (let i = start; i < n; i++) {
    const vi = 2 * v[i];
    const wi = 2 * p[i];
    const row = i * n;
    for (let j = start; j < n; j++) a[row + j] -= vi * p[j] + wi * v[j];
  }
  // column k (and row k) become (alpha, 0, ..., 0): apply H to them explicitly
  let dot = 0;
  for (let i = start; i < n; i++) dot += v[i] * a[i * n + k];
  for (let i = start; i < n; i++) {
    const value = a[i * n + k] - 2 * dot * v[i];
    a[i * n + k] = value;
    a[k * n + i] = value;
  }
}

/** Q <- Q H: Q[:, k+1:] -= 2 (Q[:, k+1:] v) v^T. */
function applyRight(q: Float64Array, n: number, k: number, v: Float64Array): void {
  for (let r = 0; r < n; r++) {
    const row = r * n;
    let dot = 0;
    for (let j = k + 1; j < n; j++) dot += q[row + j] * v[j];
    dot *= 2;
    for (let j = k + 1; j < n; j++) q[row + j] -= dot * v[j];
  }
}
