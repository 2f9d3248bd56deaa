import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from './symmetricEigen.ts';

test('symmetricEigen: the 3x3 second-difference matrix has eigenvalues 2 - sqrt2, 2, 2 + sqrt2', () => {
  const m = Float64Array.from([2, -1, 0, -1, 2, -1, 0, -1, 2]);
  const { values } = symmetricEigen(m, 3, { vectors: false });
  const expected = [2 - Math.SQRT2, 2, 2 + Math.SQRT2];
  values.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `value ${i}: ${v}`));
});

test('symmetricEigen: A V = V diag(values) and V is orthonormal on a dense 40x40 matrix', () => {
  const n = 40;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = Math.sin(1 + 3 * i + 7 * j) + Math.cos(i * j);
  const { values, vectors } = symmetricEigen(m, n, { vectors: true });
  const v = vectors as Float64Array;
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
  assert.deepEqual(Array.from(symmetricEigen(eye, 4, { vectors: false }).values), [1, 1, 1, 1]);
  assert.deepEqual(Array.from(symmetricEigen(Float64Array.of(-3), 1, { vectors: true }).values), [-3]);
  assert.deepEqual(Array.from(symmetricEigen(new Float64Array(9), 3, { vectors: false }).values), [0, 0, 0]);
});

test('symmetricEigen: asymmetric or non-finite input is a clear error', () => {
  assert.throws(() => symmetricEigen(Float64Array.from([1, 2, 3, 4]), 2, { vectors: false }), /expected a symmetric matrix, but entry \(0,1\)/);
  assert.throws(() => symmetricEigen(Float64Array.from([1, NaN, NaN, 4]), 2, { vectors: false }), /expected finite entries, but got NaN at \(0,1\)/);
  assert.throws(() => symmetricEigen(new Float64Array(5), 2, { vectors: false }), /expected 4 entries for 2x2, but got 5/);
});
