import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAffine, invertAffine, similarityTransform } from './similarityTransform.ts';
import { fivePointsToArray, templateAt } from './template.ts';
import type { Affine2x3, Point } from './types.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b} (tol ${tol})`);

function similarity(scale: number, angle: number, tx: number, ty: number): Affine2x3 {
  const a = scale * Math.cos(angle);
  const b = scale * Math.sin(angle);
  return [[a, -b, tx], [b, a, ty]];
}

test('recovers a known similarity exactly from five points', () => {
  const target = fivePointsToArray(templateAt(128));
  const truth = similarity(0.37, 0.5, 12, -40);
  const source = target.map((p) => applyAffine(invertAffine(truth), p));
  const fit = similarityTransform(source, target);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) close(fit.matrix[r][c], truth[r][c]);
  close(fit.scale, 0.37);
  close(fit.rotation, 0.5);
  close(fit.rmsError, 0, 1e-9);
});

test('inverse undoes the matrix', () => {
  const fit = similarityTransform([[10, 10], [50, 12], [30, 40]], [[0, 0], [20, 3], [9, 17]]);
  for (const p of [[0, 0], [100, -3], [7.5, 60]] as Point[]) {
    const back = applyAffine(fit.inverse, applyAffine(fit.matrix, p));
    close(back[0], p[0]);
    close(back[1], p[1]);
  }
});

test('is the least-squares optimum among similarities (noisy points)', () => {
  const target = fivePointsToArray(templateAt(64));
  const noise = [[0.8, -0.3], [-0.5, 0.9], [0.2, 0.4], [-1, -0.6], [0.7, 0.1]];
  const source = target.map(([x, y], i): Point => [3 * x + 100 + noise[i][0], 3 * y + 7 + noise[i][1]]);
  const fit = similarityTransform(source, target);
  const cost = (m: Affine2x3) => source.reduce((s, p, i) => {
    const q = applyAffine(m, p);
    return s + (q[0] - target[i][0]) ** 2 + (q[1] - target[i][1]) ** 2;
  }, 0);
  const best = cost(fit.matrix);
  close(Math.sqrt(best / 5), fit.rmsError);
  const [[a, mb, tx], [b, , ty]] = fit.matrix;
  for (const d of [[1e-3, 0, 0, 0], [0, 1e-3, 0, 0], [0, 0, 1e-2, 0], [0, 0, 0, -1e-2]]) {
    const m: Affine2x3 = [[a + d[0], mb - d[1], tx + d[2]], [b + d[1], a + d[0], ty + d[3]]];
    assert.ok(cost(m) > best, 'a perturbed similarity must fit worse');
  }
});

test('never reflects: mirrored targets give a rotation, not a flip', () => {
  const source: Point[] = [[0, 0], [10, 0], [0, 5]];
  const target: Point[] = source.map(([x, y]) => [-x, y]);
  const fit = similarityTransform(source, target);
  const [[a, b], [c, d]] = fit.matrix;
  assert.ok(a * d - b * c >= 0, 'determinant must not be negative');
  assert.ok(fit.rmsError > 1, 'a mirror image cannot be matched by a similarity');
});

test('rejects bad input with clear messages', () => {
  assert.throws(() => similarityTransform([[0, 0], [1, 1]], [[0, 0]]), /expected as many target points as source points \(2\), but got 1/);
  assert.throws(() => similarityTransform([[0, 0]], [[0, 0]]), /expected at least 2 point pairs, but got 1/);
  assert.throws(() => similarityTransform([[3, 3], [3, 3]], [[0, 0], [1, 1]]), /all source points coincide/);
  assert.throws(() => similarityTransform([[0, 0], [1, Number.NaN]], [[0, 0], [1, 1]]), /source\[1\] to be a finite \[x, y\], but got \[1,null\]/);
  assert.throws(() => similarityTransform([[0, 0], [1, 1]], [[2, 2], [2, 2]]), /target points with some spread/);
  assert.throws(() => invertAffine([[1, 2, 0], [2, 4, 0]]), /expected an invertible matrix/);
});
