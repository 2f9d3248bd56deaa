import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doReFaCodes } from './doReFaCodes.ts';
import { uniformCodes } from './uniformCodes.ts';
import { dequantize } from './dequantize.ts';
import { seededGaussian } from './seededGaussian.ts';

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
