import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doReFaCodes } from './doReFaCodes.ts';
import { dequantize } from './dequantize.ts';

function close(actual: ArrayLike<number>, want: number[], tol = 1e-6): void {
  assert.equal(actual.length, want.length);
  want.forEach((w, i) => assert.ok(Math.abs(actual[i] - w) <= tol, `element ${i}: ${actual[i]} vs ${w}`));
}

test('DoReFa k = 1 is sign(W) * mean|W|, sign(0) = +1', () => {
  const q = doReFaCodes([-0.5, 0, 0.25, 1.25], 1);
  assert.deepEqual([...q.codes], [0, 1, 1, 1]);
  assert.equal(q.scale, 0.5);
  close(dequantize(q), [-0.5, 0.5, 0.5, 0.5]);
});

test('DoReFa k = 2 by hand: tanh = [-.8,-.5,0,.1,.8], max .8', () => {
  // u = t / 1.6 + 1/2 = [0, .1875, .5, .5625, 1]; 3u = [0, .5625, 1.5, 1.6875, 3]
  // round half to even -> [0, 1, 2, 2, 3]; W_q = 2c/3 - 1.
  const w = [-0.8, -0.5, 0, 0.1, 0.8].map(Math.atanh);
  const q = doReFaCodes(w, 2);
  assert.deepEqual([...q.codes], [0, 1, 2, 2, 3]);
  assert.equal(q.scale, 1);
  close(dequantize(q), [-1, -1 / 3, 1 / 3, 1 / 3, 1]);
});

test('DoReFa on an all-zero tensor does not divide by zero', () => {
  const q = doReFaCodes([0, 0, 0], 3);
  assert.deepEqual([...q.codes], [4, 4, 4]); // round(7 * 0.5) = round(3.5) = 4 (half to even)
});
