import { psdSqrt } from './psdSqrt.ts';
import { squareMatMul } from './squareMatMul.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import type { GaussianMoments } from './types.ts';

/**
 * tr((S_a S_b)^(1/2)) for two sample covariances, the cross term of the Fréchet distance.
 * When a side kept its samples (fewer than its dimension; S = Y^T Y with Y the centred samples
 * over sqrt(n - 1)), the product has rank <= n and the trace is computed in n x n:
 *   both sides:  the nuclear norm of C = Y_b Y_a^T, i.e. sum sqrt(eig(C C^T));
 *   one side b:  sum sqrt(eig(Y_b S_a Y_b^T)),
 * since the non-zero eigenvalues of S_a^(1/2) S_b S_a^(1/2) equal those of Y_b S_a Y_b^T. Otherwise
 * the d x d symmetric form tr((S_a^(1/2) S_b S_a^(1/2))^(1/2)), with S_a^(1/2) from `sqrtA()`.
 * All exact; the small forms are 10-100x faster at 300 samples of 1024-d features.
 */
export function traceSqrtProduct(a: GaussianMoments, b: GaussianMoments, sqrtA: () => Float64Array): number {
  const d = a.dim;
  let gram: Float64Array;
  let n: number;
  if (a.samples && b.samples) {
    const c = crossProduct(b.samples, b.count, a.samples, a.count, d);
    gram = crossProduct(c, b.count, c, b.count, a.count);
    n = b.count;
  } else if (b.samples) {
    gram = sandwich(b.samples, b.count, a.cov, d);
    n = b.count;
  } else if (a.samples) {
    gram = sandwich(a.samples, a.count, b.cov, d);
    n = a.count;
  } else {
    const s = sqrtA();
    gram = squareMatMul(squareMatMul(s, b.cov, d), s, d);
    n = d;
  }
  const { values } = symmetricEigen(symmetrize(gram, n), n, { vectors: false });
  let sum = 0;
  for (const l of values) if (l > 0) sum += Math.sqrt(l);
  return sum;
}

/** The symmetric square root of a covariance, for the d x d form. */
export function covarianceSqrt(m: GaussianMoments): Float64Array {
  return psdSqrt(m.cov, m.dim);
}

/** X Z^T for row-major X [rx, k] and Z [rz, k] -> [rx, rz]. */
function crossProduct(x: Float64Array, rx: number, z: Float64Array, rz: number, k: number): Float64Array {
  const out = new Float64Array(rx * rz);
  for (let i = 0; i < rx; i++) {
    for (let j = 0; j < rz; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += x[i * k + t] * z[j * k + t];
      out[i * rz + j] = s;
    }
  }
  return out;
}

/** Y S Y^T for Y [n, d] and symmetric S [d, d] -> [n, n]. */
function sandwich(y: Float64Array, n: number, s: Float64Array, d: number): Float64Array {
  const ys = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      const yik = y[i * d + k];
      if (yik === 0) continue;
      for (let j = 0; j < d; j++) ys[i * d + j] += yik * s[k * d + j];
    }
  }
  return crossProduct(ys, n, y, n, d);
}

/** (M + M^T) / 2 in place: the products are symmetric in exact arithmetic. */
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
