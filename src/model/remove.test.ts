import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { remove } from './remove.ts';
import { swap } from './swap.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from './testUtils.ts';

await testBackend();

test('remove equals the A0 of swap, NHWC [N,64,64,3] in [0,1], without leaks', () => {
  const model = tinyModel();
  const au = randomImages(2, 1);
  const before = tf.memory().numTensors;
  const out = remove(model, au);
  assert.deepEqual(out.shape, [2, 64, 64, 3]);
  const [lo, hi] = range(out);
  assert.ok(lo >= 0 && hi <= 1);
  const { a0, bu } = swap(model, au, au);
  assert.equal(maxAbsDiff(out, a0), 0);
  tf.dispose([out, a0, bu]);
  assert.equal(tf.memory().numTensors, before);
  au.dispose();
  model.dispose();
});
