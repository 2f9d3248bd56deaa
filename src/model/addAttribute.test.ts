import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { addAttribute } from './addAttribute.ts';
import { swap } from './swap.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from './testUtils.ts';

await testBackend();

test('strength 1 equals the swap Bu; strength 0 equals Dec(B, 0); one exemplar serves every target', () => {
  const model = tinyModel();
  const b0 = randomImages(3, 1);
  const exemplar = randomImages(1, 2);
  const full = addAttribute(model, b0, exemplar, 1);
  const half = addAttribute(model, b0, exemplar, 0.5);
  const none = addAttribute(model, b0, exemplar, 0);
  assert.deepEqual(full.shape, [3, 64, 64, 3]);
  for (const t of [full, half, none]) {
    const [lo, hi] = range(t);
    assert.ok(lo >= 0 && hi <= 1);
  }
  const au = tf.tile(exemplar, [3, 1, 1, 1]) as typeof exemplar;
  const { a0, bu } = swap(model, au, b0);
  assert.ok(maxAbsDiff(full, bu) < 1e-6);
  const b0Rec = tf.tidy(() => {
    const b = model.encode(b0, false);
    return model.decode(b.background, tf.zerosLike(b.object), false);
  });
  assert.ok(maxAbsDiff(none, b0Rec) < 1e-6);
  assert.ok(maxAbsDiff(half, full) > 0 && maxAbsDiff(half, none) > 0);
  const two = randomImages(2, 3);
  assert.throws(() => addAttribute(model, b0, two), /exemplar: expected images \[3,64,64,3\]/);
  tf.dispose([b0, exemplar, full, half, none, au, a0, bu, b0Rec, two]);
  model.dispose();
});
