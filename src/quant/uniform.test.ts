import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededGaussian } from '../shared/random.ts';
import { dequantize, levelOccupancy } from './levels.ts';
import { doReFaCodes, meanScaledCodes, roundHalfEven, uniformCodes } from './uniform.ts';

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

test("'uniform' keeps DoReFa's codes and rescales the k > 1 levels to max|W|", () => {
  const w = seededGaussian(1000, 4, 0.02);
  const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  for (const bits of [2, 3, 4]) {
    const u = uniformCodes(w, bits);
    assert.deepEqual(u.codes, doReFaCodes(w, bits).codes);
    assert.equal(u.scale, max);
    const values = dequantize(u);
    assert.ok(Math.abs(Math.max(...values.map(Math.abs)) - max) < 1e-6, "the largest weight sits on the top level");
  }
  assert.deepEqual(uniformCodes([-0.5, 0, 0.25, 1.25], 1), doReFaCodes([-0.5, 0, 0.25, 1.25], 1), 'k = 1 is sign * E');
});

test('mean-scaled 2-bit by hand: s = 2.5 mean|x| = 2.5', () => {
  // x/s = [-.8,-.2,.04,.16,.8] -> clip -> u = [0,.3,.54,.66,1]; 3u -> [0,.9,1.62,1.98,3] -> [0,1,2,2,3]
  const q = meanScaledCodes([-2, -0.5, 0.1, 0.4, 2], 2);
  assert.deepEqual([...q.codes], [0, 1, 2, 2, 3]);
  assert.equal(q.scale, 1.25);
  const want = [-1.25, -1.25 / 3, 1.25 / 3, 1.25 / 3, 1.25];
  const v = dequantize(q);
  want.forEach((w, i) => assert.ok(Math.abs(v[i] - w) < 1e-6, `element ${i}: ${v[i]} vs ${w}`));
});

test('for Gaussian values the 2-bit thresholds sit near the quartiles (bit-rnn)', () => {
  const { shares } = levelOccupancy(meanScaledCodes(seededGaussian(100_000, 3), 2).codes, 2);
  shares.forEach((s, i) => assert.ok(Math.abs(s - 0.25) < 0.02, `level ${i}: ${s}`));
});

test('roundHalfEven matches TensorFlow round on ties', () => {
  const cases: Array<[number, number]> = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [1.2, 1], [1.7, 2]];
  for (const [x, want] of cases) assert.equal(roundHalfEven(x) + 0, want + 0, `roundHalfEven(${x})`);
});
