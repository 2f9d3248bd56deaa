import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { ssim } from './ssim.ts';
import { patternImage } from './testImages.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

test('ssim: constant images a, b give (2ab + C1) / (a^2 + b^2 + C1)', () => {
  const before = tf.memory().numTensors;
  const a = tf.fill([1, 12, 12, 3], 0.2) as tf.Tensor4D;
  const b = tf.fill([1, 12, 12, 3], 0.7) as tf.Tensor4D;
  const out = ssim(a, b);
  const c1 = 0.01 ** 2;
  const expected = (2 * 0.2 * 0.7 + c1) / (0.2 ** 2 + 0.7 ** 2 + c1); // 0.5285...
  // float32 box sums leave about 2e-4 of cancellation error in the variance terms (see docs/eval.md)
  assert.ok(Math.abs(out.arraySync()[0] - expected) < 5e-4, `expected ${expected}, got ${out.arraySync()[0]}`);
  tf.dispose([a, b, out]);
  assert.equal(tf.memory().numTensors, before);
});

test('ssim: identical images give 1', () => {
  const x = patternImage(16, 'x');
  const out = ssim(x, x);
  assert.ok(Math.abs(out.arraySync()[0] - 1) < 1e-4);
  tf.dispose([x, out]);
});

test('ssim: matches a numpy/scipy reference on patterned images, batched', () => {
  const x = patternImage(16, 'x');
  const y = patternImage(16, 'y');
  const z = tf.tidy(() => x.mul(0.8).add(0.1)) as tf.Tensor4D;
  const left = tf.concat([x, x]) as tf.Tensor4D;
  const right = tf.concat([y, z]) as tf.Tensor4D;
  const [xy, xz] = ssim(left, right).arraySync();
  // numpy reference: scipy correlate2d 'valid' with the same 11x11 sigma 1.5 window, per channel mean.
  assert.ok(Math.abs(xy - 0.011091055199108647) < 2e-3, `got ${xy}`);
  assert.ok(Math.abs(xz - 0.9757043778033245) < 1e-3, `got ${xz}`);
  tf.dispose([x, y, z, left, right]);
});

test('ssim: images smaller than the window are a clear error', () => {
  const a = tf.zeros([1, 8, 8, 3]) as tf.Tensor4D;
  assert.throws(() => ssim(a, a), /at least 11x11, but got 8x8/);
  a.dispose();
});
