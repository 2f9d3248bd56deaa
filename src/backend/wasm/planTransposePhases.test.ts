import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTransposePhases } from './planTransposePhases.ts';

test('GeneGAN deconv (kernel 4, stride 2, pad 1): two taps per phase, phases shifted by one row', () => {
  const plan = planTransposePhases(4, 2, 1, 16, 8);
  assert.equal(plan.taps, 2);
  assert.deepEqual(plan.tapIndex, [[3, 1], [2, 0]]);
  assert.deepEqual(plan.pad, { before: 1, after: 1 });
  assert.deepEqual(plan.shift, [0, 1]);
  assert.equal(plan.convSize, 9);
});

/** dx of a 1-D transposed convolution straight from its definition. */
function direct(dy: number[], w: number[], stride: number, pad: number, outSize: number): number[] {
  const dx = new Array<number>(outSize).fill(0);
  dy.forEach((g, o) => w.forEach((wa, a) => {
    const t = o * stride + a - pad;
    if (t >= 0 && t < outSize) dx[t] += g * wa;
  }));
  return dx;
}

/** dx through the plan: one stride-1 correlation with `taps` taps per phase, then the interleave. */
function viaPlan(dy: number[], w: number[], stride: number, pad: number, outSize: number): number[] {
  const plan = planTransposePhases(w.length, stride, pad, outSize, dy.length);
  const padded = [...new Array(plan.pad.before).fill(0), ...dy, ...new Array(plan.pad.after).fill(0)];
  return Array.from({ length: outSize }, (_, t) => {
    const r = t % stride, q = (t - r) / stride, row = q + plan.shift[r];
    assert.ok(row < plan.convSize, 'reads inside the convolution output');
    return plan.tapIndex[r].reduce((sum, a, j) => sum + (a < 0 ? 0 : padded[row + j] * w[a]), 0);
  });
}

test('the plan reproduces the definition for every kernel, stride, padding and odd size', () => {
  for (let k = 1; k <= 5; k++) {
    for (let s = 1; s <= 3; s++) {
      for (let p = 0; p < k; p++) {
        for (let outSize = 1; outSize <= 9; outSize++) {
          const inSize = Math.floor((outSize + 2 * p - k) / s) + 1;
          if (inSize < 1) continue;
          const dy = Array.from({ length: inSize }, (_, i) => ((i * 7) % 5) - 2);
          const w = Array.from({ length: k }, (_, i) => i + 1);
          assert.deepEqual(viaPlan(dy, w, s, p, outSize), direct(dy, w, s, p, outSize), `k${k} s${s} p${p} out${outSize}`);
        }
      }
    }
  }
});
