import { householderTridiagonal } from './householderTridiagonal.ts';
import { tridiagonalQl } from './tridiagonalQl.ts';

export interface EigenResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Row-major n x n; column j is the unit eigenvector of values[j] (only when asked for). */
  vectors?: Float64Array;
}

/**
 * Eigendecomposition of a real symmetric matrix: Householder tridiagonalisation, then implicit QL.
 * O(n^3); used for the matrix square roots of the Fréchet distance (covariances up to 1024 x 1024).
 * @param matrix row-major n x n; must be symmetric (checked to a relative 1e-8)
 */
export function symmetricEigen(matrix: Float64Array, n: number, options: { vectors: boolean }): EigenResult {
  if (matrix.length !== n * n) throw new Error(`symmetricEigen: expected ${n * n} entries for ${n}x${n}, but got ${matrix.length}`);
  checkSymmetric(matrix, n);
  const { diagonal, offDiagonal, q } = householderTridiagonal(matrix, n, options.vectors);
  tridiagonalQl(diagonal, offDiagonal, n, q);
  const order = Array.from(diagonal.keys()).sort((i, j) => diagonal[i] - diagonal[j]);
  const values = Float64Array.from(order, (i) => diagonal[i]);
  if (!q) return { values };
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vectors[r * n + c] = q[r * n + order[c]];
  return { values, vectors };
}

function checkSymmetric(matrix: Float64Array, n: number): void {
  let scale = 0;
  for (let i = 0; i < matrix.length; i++) {
    const v = matrix[i];
    if (!Number.isFinite(v)) throw new Error(`symmetricEigen: expected finite entries, but got ${v} at (${Math.floor(i / n)},${i % n})`);
    scale = Math.max(scale, Math.abs(v));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(matrix[i * n + j] - matrix[j * n + i]);
      if (!(gap <= 1e-8 * scale)) {
        throw new Error(`symmetricEigen: expected a symmetric matrix, but entry (${i},${j}) differs from (${j},${i}) by ${gap}`);
      }
    }
  }
}
