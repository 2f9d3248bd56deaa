import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convolveSeparable, deconvolveSeparable, gaussianBlur } from './filters.ts';
import { CONSISTENT_UPSAMPLING } from './constants.ts';

const grid = { width: 32, height: 32, channels: 3 };
const { kernel, iterations } = CONSISTENT_UPSAMPLING;

test('convolveSeparable keeps a constant (the kernels sum to 1) and replicates edges', () => {
  const flat = new Float32Array(32 * 32 * 3).fill(0.4);
  for (const v of convolveSeparable(flat, grid, kernel)) assert.ok(Math.abs(v - 0.4) < 1e-5);
  const blurred = gaussianBlur(Float32Array.from({ length: 32 * 32 }, (_, i) => (i % 32 === 0 ? 1 : 0)), 32, 32, 1);
  assert.ok(blurred[0] > 0.5 && blurred[1] > 0.2, 'an edge column keeps most of its weight');
  assert.throws(() => convolveSeparable(flat, grid, [0.5, 0.5]), /expected an odd kernel length, but got 2/);
});

test('deconvolveSeparable undoes the kernel on smooth images and limits its gain on the finest ones', () => {
  // a smooth image: blur, then deconvolve, comes back
  const smooth = Float32Array.from({ length: 32 * 32 * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    return 0.5 + 0.3 * Math.sin((p % 32) / 4) * Math.cos(Math.floor(p / 32) / 5);
  });
  const back = deconvolveSeparable(convolveSeparable(smooth, grid, kernel), grid, kernel, iterations);
  const worst = smooth.reduce((m, v, i) => Math.max(m, Math.abs(v - back[i])), 0);
  assert.ok(worst < 0.01, `expected the smooth image back within 0.01, but got ${worst.toFixed(4)}`);
  // a checkerboard (the finest diagonal frequency): the kernel passes it with gain g = H(pi)^2;
  // n Landweber steps from x = values amplify it by (1 - (1 - g)^(n + 1)) / g, not by the exact
  // inverse's 1 / g
  const h = kernel.reduce((s, k, i) => s + k * Math.cos(Math.PI * (i - 3)), 0);
  const g = h * h;
  const board = Float32Array.from({ length: 32 * 32 * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    return ((p % 32) + Math.floor(p / 32)) % 2 === 0 ? 0.01 : -0.01;
  });
  const sharp = deconvolveSeparable(board, grid, kernel, iterations);
  const centre = (16 * 32 + 16) * 3;
  const gain = sharp[centre] / board[centre];
  const expected = (1 - (1 - g) ** (iterations + 1)) / g;
  assert.ok(Math.abs(gain - expected) < 0.05, `expected gain ${expected.toFixed(2)}, but got ${gain.toFixed(2)}`);
  assert.ok(gain < 0.7 / g, `stopping early keeps the gain well under the exact ${(1 / g).toFixed(1)}`);
});
