import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunningMoments } from './moments.ts';

test('RunningMoments: mean and unbiased covariance of three hand-picked samples', () => {
  const r = new RunningMoments(2);
  r.add([1, 2, 3, 6]);
  r.add(Float32Array.of(5, 4));
  const { mean, cov, count } = r.moments();
  assert.equal(count, 3);
  assert.deepEqual(Array.from(mean), [3, 4]);
  // deviations x: -2 0 2, y: -2 2 0 -> var 8/2, var 8/2, cov 4/2
  assert.deepEqual(Array.from(cov), [4, 2, 2, 4]);
});

test('RunningMoments: far-from-zero features keep their small variance (shifted sums)', () => {
  const r = new RunningMoments(1);
  for (let i = 0; i < 1000; i++) r.add([1e8 + (i % 2)]);
  const { mean, cov } = r.moments();
  assert.ok(Math.abs(mean[0] - (1e8 + 0.5)) < 1e-6);
  assert.ok(Math.abs(cov[0] - 0.25 * (1000 / 999)) < 1e-9);
});

test('RunningMoments: bad input is a clear error', () => {
  const r = new RunningMoments(2);
  assert.throws(() => r.add([1, 2, 3]), /expected a multiple of 2 values, but got 3/);
  assert.throws(() => r.add([1, NaN]), /expected finite features, but got NaN in sample 0/);
  assert.throws(() => r.moments(), /at least 2 samples for a covariance, but got 0/);
});
