import { EIGEN_RELATIVE_FLOOR } from './constants.ts';
import { symmetricEigen } from './symmetricEigen.ts';

/**
 * The symmetric square root of a positive semi-definite matrix, V diag(sqrt(l)) V^T. Eigenvalues that
 * round-off made slightly negative (or below EIGEN_RELATIVE_FLOOR of the largest) count as zero:
 * sample covariances from fewer samples than dimensions are singular.
 * @param matrix row-major n x n, symmetric PSD
 */
export function psdSqrt(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n, { vectors: true });
  const v = vectors as Float64Array;
  const floor = EIGEN_RELATIVE_FLOOR * Math.max(0, values[n - 1] ?? 0);
  const roots = values.map((l) => (l > floor ? Math.sqrt(l) : 0));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const vik = v[i * n + k] * roots[k];
      if (vik === 0) continue;
      for (let j = i; j < n; j++) out[i * n + j] += vik * v[j * n + k];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i];
  return out;
}
