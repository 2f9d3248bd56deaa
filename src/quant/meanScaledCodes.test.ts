import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanScaledCodes } from './meanScaledCodes.ts';
import { dequantize } from './dequantize.ts';
import { levelOccupancy } from './levelOccupancy.ts';
import { seededGaussian } from './seededGaussian.ts';

test('mean-scaled 2-bit by hand: s = 2.5 mean|x| = 2.5', () => {
  // x/s = [-.8,-.2,.04,.16,.8] -> clip -> u = [0,.3,.54,.66,1]; 3u -> [0,.9,1.62,1.98,3] -> [0,1,2,2,3]
  const q = meanScaledCodes([-2, -0.5, 0.1, 0.4, 2], 2);
  assert.deepEqual([...q.codes], [0, 1, 2, 2, 3]);
  assert.equal(q.scale, 1.25);
  const want = [-1.25, -1.25 / 3, 1.25 / 3, 1.25 / 3, 1.25];
  const v = dequantize(q);
  want.forEach((w, i) => assert.ok(Math.abs(v[i] - w) < 1e-6, `element ${i}: ${v[i]} vs ${w}`));
});

test('for Gaussian values the 2-bit thresholds sit near the quartiles (spec)', () => {
  const { shares } = levelOccupancy(meanScaledCodes(seededGaussian(100_000, 3), 2).codes, 2);
  shares.forEach((s, i) => assert.ok(Math.abs(s - 0.25) < 0.02, `level ${i}: ${s}`));
});
