import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { maskedAbsDiff } from './maskedAbsDiff.ts';
import { MeanAccumulator } from './moments.ts';

before(async () => {
  await selectBackend({ log: () => {} });
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
