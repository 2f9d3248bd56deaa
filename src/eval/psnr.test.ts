import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { psnr } from './psnr.ts';
import { patternImage } from './testImages.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

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
