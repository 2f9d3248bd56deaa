import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { batchToRgb, rgbToBatch } from './rgbTensors.ts';

test('RGB bytes -> NHWC [0,1] batch -> RGB bytes is exact, and leaves no tensor behind', async () => {
  await selectBackend({ log: () => {} });
  const img = (seed: number) => ({ data: Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37 + seed) % 256), width: 4, height: 3 });
  const before = tf.memory().numTensors;
  const batch = rgbToBatch([img(1), img(2)]);
  assert.deepEqual(batch.shape, [2, 3, 4, 3]);
  const [lo, hi] = tf.tidy(() => [batch.min().dataSync()[0], batch.max().dataSync()[0]]);
  assert.ok(lo >= 0 && hi <= 1, 'values in [0, 1]');
  const back = await batchToRgb(batch);
  batch.dispose();
  assert.deepEqual(back[0].data, img(1).data);
  assert.deepEqual(back[1].data, img(2).data);
  assert.equal(tf.memory().numTensors, before);
});

test('values outside [0, 1] are clipped; mismatched sizes are an error', async () => {
  await selectBackend({ log: () => {} });
  const t = tf.tensor4d([-0.5, 0.5, 1.5], [1, 1, 1, 3]);
  assert.deepEqual([...(await batchToRgb(t))[0].data], [0, 128, 255]);
  t.dispose();
  assert.throws(() => rgbToBatch([{ data: new Uint8Array(12), width: 2, height: 2 }, { data: new Uint8Array(27), width: 3, height: 3 }]), /expected 2x2 images, but got 3x3/);
});
