import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frechetDistance, frechetToReference, prepareFrechetReference, rows, symmetricEigen } from './frechet.ts';
import { RunningMoments } from './accumulators.ts';
import type { GaussianMoments } from './types.ts';

function gaussian(mean: number[], cov: number[]): GaussianMoments {
  return { dim: mean.length, count: 100, mean: Float64Array.from(mean), cov: Float64Array.from(cov) };
}

test('frechetDistance: identical Gaussians are at 0', () => {
  const g = gaussian([1, 2], [2, 1, 1, 1]);
  assert.ok(frechetDistance(g, g) < 1e-10);
});

test('frechetDistance: diagonal covariances give |dmu|^2 + sum (sqrt a_i - sqrt b_i)^2', () => {
  const a = gaussian([0, 0, 1], [4, 0, 0, 0, 9, 0, 0, 0, 1]);
  const b = gaussian([1, 0, 3], [1, 0, 0, 0, 9, 0, 0, 0, 16]);
  // |dmu|^2 = 1 + 0 + 4 = 5; (2-1)^2 + (3-3)^2 + (1-4)^2 = 10
  assert.ok(Math.abs(frechetDistance(a, b) - 15) < 1e-10);
});

test('frechetDistance: non-commuting 2x2 covariances match scipy.linalg.sqrtm (6.590147953832599)', () => {
  const a = gaussian([0, 0], [2, 1, 1, 1]);
  const b = gaussian([1, 2], [1, -0.5, -0.5, 3]);
  assert.ok(Math.abs(frechetDistance(a, b) - 6.590147953832599) < 1e-9);
  assert.ok(Math.abs(frechetDistance(b, a) - 6.590147953832599) < 1e-9, 'symmetric in its arguments');
});

test('frechetDistance: 20-dim with a rank-2 (singular) covariance matches numpy (30.9301866)', () => {
  const d = 20;
  const s1 = new Float64Array(d * d);
  const s2 = new Float64Array(d * d);
  const b1 = (i: number, j: number) => Math.sin(1 + i * 3 + j * 7);
  const b2 = (i: number, j: number) => Math.cos(2 + i * 5 + j * 3) + 0.3 * Math.sin(i * j + 1);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < d; k++) {
        s1[i * d + j] += (b1(i, k) * b1(j, k)) / d;
        s2[i * d + j] += (b2(i, k) * b2(j, k)) / d;
      }
    }
  }
  const m1 = Float64Array.from({ length: d }, (_, i) => Math.sin(i));
  const m2 = Float64Array.from({ length: d }, (_, i) => Math.cos(i) * 0.5);
  const reference = prepareFrechetReference({ dim: d, count: 50, mean: m1, cov: s1 });
  const value = frechetToReference(reference, { dim: d, count: 50, mean: m2, cov: s2 });
  // numpy eigh-based reference 30.93018656298054; scipy sqrtm gives 30.930186459 (it is less exact on singular input)
  assert.ok(Math.abs(value - 30.93018656298054) < 1e-6, `got ${value}`);
});

test('frechetDistance: mismatched dimensions are a clear error', () => {
  assert.throws(() => frechetDistance(gaussian([0], [1]), gaussian([0, 0], [1, 0, 0, 1])), /expected 1-dimensional features, but got 2/);
});

test('frechetDistance: the low-rank forms (kept samples, n < d) equal the d x d form and numpy (22.2616377)', () => {
  const n = 8;
  const d = 12;
  const a = new RunningMoments(d);
  const b = new RunningMoments(d);
  for (let s = 0; s < n; s++) {
    a.add(Array.from({ length: d }, (_, i) => Math.sin(1.3 * s + 0.7 * i) + 0.1 * i));
    b.add(Array.from({ length: d }, (_, i) => Math.cos(0.9 * s + 1.1 * i) * 1.5));
  }
  const ma = a.moments();
  const mb = b.moments();
  assert.ok(ma.samples && mb.samples, 'fewer samples than dimensions: samples kept');
  const full = (m: GaussianMoments): GaussianMoments => ({ ...m, samples: undefined });
  // numpy's eigh-based symmetric form. Square roots of the round-off-sized eigenvalues of these rank-7
  // matrices limit every form (numpy's too) to about 1e-7 absolute
  const expected = 22.26163767945849;
  const values = [[ma, mb], [full(ma), mb], [ma, full(mb)], [full(ma), full(mb)]].map(([x, y]) => frechetDistance(x, y));
  for (const value of values) assert.ok(Math.abs(value - expected) < 1e-6, `got ${value}`);
});

test('RunningMoments drops its kept samples once they outnumber the dimensions', () => {
  const r = new RunningMoments(2);
  r.add([1, 2, 3, 4]);
  assert.ok(r.moments().samples);
  r.add([5, 7]);
  assert.equal(r.moments().samples, undefined);
});


test('symmetricEigen: the 3x3 second-difference matrix has eigenvalues 2 - sqrt2, 2, 2 + sqrt2', () => {
  const m = Float64Array.from([2, -1, 0, -1, 2, -1, 0, -1, 2]);
  const { values } = symmetricEigen(rows(m, 3, 3));
  const expected = [2 - Math.SQRT2, 2, 2 + Math.SQRT2];
  values.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `value ${i}: ${v}`));
});

test('symmetricEigen: A V = V diag(values) and V is orthonormal on a dense 40x40 matrix', () => {
  const n = 40;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = Math.sin(1 + 3 * i + 7 * j) + Math.cos(i * j);
  const { values, vectors } = symmetricEigen(rows(m, n, n));
  const v = vectors.to1DArray();
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < n; c++) {
      let av = 0;
      let vtv = 0;
      for (let k = 0; k < n; k++) {
        av += m[i * n + k] * v[k * n + c];
        vtv += v[k * n + i] * v[k * n + c];
      }
      worst = Math.max(worst, Math.abs(av - values[c] * v[i * n + c]), Math.abs(vtv - (i === c ? 1 : 0)));
    }
  }
  assert.ok(worst < 1e-10, `worst residual ${worst}`);
  for (let i = 1; i < n; i++) assert.ok(values[i] >= values[i - 1], 'ascending order');
});

test('symmetricEigen: identity, 1x1 and the zero matrix (repeated eigenvalues, nothing to reduce)', () => {
  const eye = new Float64Array(16);
  for (let i = 0; i < 4; i++) eye[i * 4 + i] = 1;
  assert.deepEqual(Array.from(symmetricEigen(rows(eye, 4, 4)).values), [1, 1, 1, 1]);
  assert.deepEqual(Array.from(symmetricEigen(rows(Float64Array.of(-3), 1, 1)).values), [-3]);
  assert.deepEqual(Array.from(symmetricEigen(rows(new Float64Array(9), 3, 3)).values), [0, 0, 0]);
});

test('symmetricEigen: asymmetric or non-finite input is a clear error', () => {
  assert.throws(() => symmetricEigen(rows(Float64Array.from([1, 2, 3, 4]), 2, 2)), /expected a symmetric matrix, but entry \(0,1\)/);
  assert.throws(() => symmetricEigen(rows(Float64Array.from([1, NaN, NaN, 4]), 2, 2)), /expected finite entries, but got NaN at \(0,1\)/);
  assert.throws(() => rows(new Float64Array(5), 2, 2), /expected 4 entries for 2x2, but got 5/);
});
