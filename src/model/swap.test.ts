import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { swap } from './swap.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from './testUtils.ts';

await testBackend();

test('swap returns A0 = Dec(A, 0) and Bu = Dec(B, x), NHWC [N,64,64,3] in [0,1]', () => {
  const model = tinyModel();
  const au = randomImages(3, 1);
  const b0 = randomImages(3, 2);
  const { a0, bu } = swap(model, au, b0);
  assert.deepEqual(a0.shape, [3, 64, 64, 3]);
  assert.deepEqual(bu.shape, [3, 64, 64, 3]);
  for (const t of [a0, bu]) {
    const [lo, hi] = range(t);
    assert.ok(lo >= 0 && hi <= 1);
  }
  const [a0Ref, buRef] = tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    return [model.decode(a.background, tf.zerosLike(a.object), false), model.decode(b.background, a.object, false)];
  });
  assert.equal(maxAbsDiff(a0, a0Ref), 0);
  assert.equal(maxAbsDiff(bu, buRef), 0);
  tf.dispose([au, b0, a0, bu, a0Ref, buRef]);
  model.dispose();
});

test('no tensor leak over 100 swaps', () => {
  const model = tinyModel();
  const au = randomImages(1, 3);
  const b0 = randomImages(1, 4);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) {
    const { a0, bu } = swap(model, au, b0);
    tf.dispose([a0, bu]);
  }
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([au, b0]);
  model.dispose();
});

test('swap rejects mismatched batches with a clear error', () => {
  const model = tinyModel();
  const au = randomImages(2, 1);
  const b0 = randomImages(3, 2);
  assert.throws(() => swap(model, au, b0), /swap b0: expected images \[2,64,64,3\], but got \[3,64,64,3\]/);
  tf.dispose([au, b0]);
  model.dispose();
});
