import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { cropsToTensor, tensorToRawImage } from './cropsToTensor.ts';

await selectBackend({ log: () => {} });

const crop = (v: number) => ({ data: new Uint8Array(2 * 3 * 3).map((_, i) => (v + i) % 256), width: 3, height: 2, channels: 3 });

test('crops stack into NHWC [0,1] and read back; no tensors leak', async () => {
  const before = tf.memory().numTensors;
  const batch = cropsToTensor([crop(0), crop(100)]);
  assert.deepEqual(batch.shape, [2, 2, 3, 3]);
  const values = batch.dataSync();
  assert.equal(values[0], 0);
  assert.ok(Math.abs(values[18] - 100 / 255) < 1e-6);
  const second = await tensorToRawImage(batch, 1);
  assert.equal(second.width, 3);
  assert.ok(Math.abs(second.data[1] - 101 / 255) < 1e-6);
  batch.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('mismatched crops and bad shapes are rejected', async () => {
  assert.throws(() => cropsToTensor([]), /expected at least one crop, but got none/);
  assert.throws(() => cropsToTensor([crop(0), { ...crop(0), width: 2 }]), /expected crop 1 to be 3x2x3 like crop 0, but got 2x2x3/);
  const grey = tf.zeros([2, 2, 1]) as tf.Tensor3D;
  await assert.rejects(tensorToRawImage(grey), /expected \[h, w, 3\] or \[n, h, w, 3\], but got shape \[2,2,1\]/);
  const batch = tf.zeros([1, 2, 2, 3]) as tf.Tensor4D;
  await assert.rejects(tensorToRawImage(batch, 1), /expected an index from 0 to 0, but got 1/);
  tf.dispose([grey, batch]);
});
