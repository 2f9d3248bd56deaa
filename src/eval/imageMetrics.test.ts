import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { maskedAbsDiff, psnr, ssim } from './imageMetrics.ts';
import { MeanAccumulator } from './accumulators.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

/**
 * Deterministic test patterns (the same formulas produced the numpy reference values in the tests):
 * x[i,j,c] = ((7i + 3j + 5c) mod 17) / 16 and y[i,j,c] = ((5i + 11j + 2c) mod 13) / 12.
 * @returns NHWC [1, size, size, 3] in [0, 1]
 */
export function patternImage(size: number, which: 'x' | 'y'): Tensor4D {
  const data = new Float32Array(size * size * 3);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      for (let c = 0; c < 3; c++) {
        data[(i * size + j) * 3 + c] = which === 'x' ? ((7 * i + 3 * j + 5 * c) % 17) / 16 : ((5 * i + 11 * j + 2 * c) % 13) / 12;
      }
    }
  }
  return tf.tensor4d(data, [1, size, size, 3]);
}

test('psnr: a uniform error of 0.1 is 20 dB; half the pixels off by 0.1 is 23.01 dB', () => {
  const before = tf.memory().numTensors;
  const a = tf.fill([2, 4, 4, 3], 0.5) as tf.Tensor4D;
  const b = tf.tidy(() => {
    const halfOff = tf.concat([tf.fill([1, 4, 2, 3], 0.6), tf.fill([1, 4, 2, 3], 0.5)], 2);
    return tf.concat([tf.fill([1, 4, 4, 3], 0.6), halfOff], 0);
  }) as tf.Tensor4D;
  const out = psnr(a, b);
  const [uniform, half] = out.arraySync();
  assert.ok(Math.abs(uniform - 20) < 1e-3, `expected 20 dB, got ${uniform}`);
  // MSE 0.005 -> 10 log10(200) = 23.0103 dB
  assert.ok(Math.abs(half - 23.0103) < 1e-3, `expected 23.0103 dB, got ${half}`);
  tf.dispose([a, b, out]);
  assert.equal(tf.memory().numTensors, before);
});

test('psnr: matches a numpy reference on two patterned images (7.1901 dB)', () => {
  const x = patternImage(16, 'x');
  const y = patternImage(16, 'y');
  const out = psnr(x, y);
  assert.ok(Math.abs(out.arraySync()[0] - 7.19007950429738) < 1e-3);
  tf.dispose([x, y, out]);
});

test('psnr: identical images give the 100 dB ceiling, not Infinity', () => {
  const x = patternImage(16, 'x');
  const out = psnr(x, x);
  assert.ok(Math.abs(out.arraySync()[0] - 100) < 1e-3);
  tf.dispose([x, out]);
});

test('psnr: mismatched shapes are a clear error', () => {
  const a = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
  const b = tf.zeros([1, 4, 5, 3]) as tf.Tensor4D;
  assert.throws(() => psnr(a, b), /expected equal shapes, but got \[1,4,4,3\] and \[1,4,5,3\]/);
  tf.dispose([a, b]);
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

test('maskedAbsDiff: changes inside the mask are ignored; outside they are averaged over kept pixels', () => {
  const before = tf.memory().numTensors;
  // 4x4 images; b differs from a by 0.5 in the top half and by 0.1 in pixel (3,3)
  const a = tf.fill([1, 4, 4, 3], 0.2) as tf.Tensor4D;
  const b = tf.tidy(() => {
    const top = tf.fill([1, 2, 4, 3], 0.7);
    const bottom = tf.buffer([1, 2, 4, 3], 'float32', new Float32Array(24).fill(0.2));
    for (let c = 0; c < 3; c++) bottom.set(0.3, 0, 1, 3, c);
    return tf.concat([top, bottom.toTensor()], 1);
  }) as tf.Tensor4D;
  const keepBottom = tf.tidy(() => tf.concat([tf.zeros([1, 2, 4, 1]), tf.ones([1, 2, 4, 1])], 1)) as tf.Tensor4D;
  const keepAll = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
  const bottom = maskedAbsDiff(a, b, keepBottom);
  const all = maskedAbsDiff(a, b, keepAll);
  // bottom: one of 8 kept pixels off by 0.1 -> 0.1 / 8 = 0.0125
  assert.ok(Math.abs(bottom.arraySync()[0] - 0.0125) < 1e-6);
  // all: (8 * 0.5 + 0.1) / 16 = 0.25625
  assert.ok(Math.abs(all.arraySync()[0] - 0.25625) < 1e-6);
  tf.dispose([a, b, keepBottom, keepAll, bottom, all]);
  assert.equal(tf.memory().numTensors, before);
});

test('maskedAbsDiff: a mask of the wrong shape is a clear error', () => {
  const a = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
  const keep = tf.ones([2, 4, 4, 3]) as tf.Tensor4D;
  assert.throws(() => maskedAbsDiff(a, a, keep), /expected a mask \[2,4,4,1\], but got \[2,4,4,3\]/);
  tf.dispose([a, keep]);
});

test('MeanAccumulator: mean and sample std of 2, 4, 4, 4, 5, 5, 7, 9 are 5 and sqrt(32/7)', () => {
  const acc = new MeanAccumulator();
  assert.equal(acc.summary(), null);
  acc.add([2, 4, 4, 4]);
  acc.add(Float32Array.of(5, 5, 7, 9));
  const s = acc.summary()!;
  assert.equal(s.n, 8);
  assert.ok(Math.abs(s.mean - 5) < 1e-12);
  assert.ok(Math.abs(s.std - Math.sqrt(32 / 7)) < 1e-12);
  assert.throws(() => acc.add([NaN]), /expected finite values, but got NaN/);
});
