import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededGaussian } from '../shared/random.ts';
import { balancedCodes, meanGroups, percentileGroups, rtz } from './balanced.ts';
import { dequantize, levelOccupancy } from './levels.ts';
import { doReFaCodes } from './uniform.ts';

const small = [-4, -2, -1, 0, 1, 3, 7, 8];

test('recursive-mean partition of a small vector (hand-computed)', () => {
  // level 0: mean 1.5 -> {-4,-2,-1,0,1} | {3,7,8}; level 1: means -1.2 and 6.
  assert.deepEqual([...meanGroups(small, 1)], [0, 0, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual([...meanGroups(small, 2)], [0, 0, 1, 1, 1, 2, 3, 3]);
});

test('percentile partition of a small vector (thresholds at ranks 2, 4, 6)', () => {
  assert.deepEqual([...percentileGroups(small, 2)], [0, 0, 1, 1, 2, 2, 3, 3]);
  assert.deepEqual([...percentileGroups([5, 5, 5, 1], 1)], [1, 1, 1, 0], 'ties share a group');
});

test('balanced 2-bit codes and values of the small vector (steps 2-4)', () => {
  // mean leaves {-4,-2} {-1,0,1} {3} {7,8}; r = affine in leaf; code = rtz(g + r - 1/2):
  // -1 -> rtz(0.5) = 0 and 7 -> rtz(2.5) = 2 (leaf minima sit on the tie); {3} alone gets r = 1/2.
  const q = balancedCodes(small, 2, false);
  assert.deepEqual([...q.codes], [0, 0, 0, 1, 1, 2, 2, 3]);
  assert.equal(q.scale, 8);
  const v = dequantize(q);
  const want = [-8, -8, -8, -8 / 3, -8 / 3, 8 / 3, 8 / 3, 8];
  want.forEach((w, i) => assert.ok(Math.abs(v[i] - w) < 1e-6, `value ${i}: ${v[i]} vs ${w}`));
  assert.deepEqual([...balancedCodes(small, 2, true).codes], [0, 0, 0, 1, 1, 2, 2, 3]);
  assert.deepEqual([...balancedCodes(small, 1, false).codes], [0, 0, 0, 0, 0, 0, 1, 1]);
});

test('balanced-exact fills each level with 1/2^k (within 1%) on 1e5 Gaussian values', () => {
  const w = seededGaussian(100_000, 7, 0.02);
  for (const bits of [2, 3, 4]) {
    const { shares, entropyBits } = levelOccupancy(balancedCodes(w, bits, true).codes, bits);
    const ideal = 1 / 2 ** bits;
    shares.forEach((s, i) => assert.ok(Math.abs(s - ideal) <= 0.01 * ideal, `k=${bits} level ${i}: ${s} vs ${ideal}`));
    assert.ok(entropyBits > bits - 1e-3);
  }
});

test('the mean approximation is far more balanced than uniform, less than exact', () => {
  const w = seededGaussian(100_000, 11, 0.02);
  for (const bits of [2, 3, 4]) {
    const mean = levelOccupancy(balancedCodes(w, bits, false).codes, bits);
    const uniform = levelOccupancy(doReFaCodes(w, bits).codes, bits);
    assert.ok(mean.entropyBits > uniform.entropyBits + 0.2, `k=${bits}: ${mean.entropyBits} vs ${uniform.entropyBits}`);
    assert.ok(mean.entropyBits > bits - 0.25 && mean.entropyBits < bits, `k=${bits}: mean entropy ${mean.entropyBits}`);
  }
});

test('bad weights and bit widths give clear errors', () => {
  assert.throws(() => balancedCodes([1, NaN], 2, false), /expected finite values, but got NaN at element 1/);
  assert.throws(() => balancedCodes([1, 2], 9, false), /expected an integer from 1 to 8, but got 9/);
  assert.throws(() => balancedCodes([1, 2], 2.5, true), /but got 2.5/);
});

test('rtz rounds half toward zero (step 3) and other values to nearest', () => {
  const cases: Array<[number, number]> = [
    [0.5, 0], [-0.5, 0], [1.5, 1], [-1.5, -1], [2.5, 2], [-2.5, -2],
    [0.49, 0], [0.51, 1], [-0.51, -1], [2.7, 3], [-2.7, -3], [3, 3], [0, 0],
  ];
  for (const [x, want] of cases) assert.equal(rtz(x), want, `rtz(${x})`);
  assert.ok(Object.is(rtz(-0.4), 0), 'returns +0, not -0');
});
