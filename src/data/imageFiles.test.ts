import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { tf } from '../backend/tf.ts';
import { decodeImage, encodeImage } from './imageFiles.ts';
import { selectBackend } from '../backend/selectBackend.ts';

before(() => selectBackend({ log: () => {} }));

test('decodeImage: NHWC [1,H,W,3] float32 in [0,1]; grey and alpha become RGB; resize', async () => {
  const before = tf.memory().numTensors;
  const rgba = await sharp({ create: { width: 5, height: 3, channels: 4, background: { r: 255, g: 0, b: 51, alpha: 0.5 } } }).png().toBuffer();
  const t = await decodeImage(rgba);
  assert.deepEqual(t.shape, [1, 3, 5, 3]);
  assert.equal(t.dtype, 'float32');
  const v = await t.data();
  assert.ok(Math.abs(v[0] - 1) < 1e-6 && Math.abs(v[1]) < 1e-6 && Math.abs(v[2] - 0.2) < 1e-6);
  t.dispose();
  const grey = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).greyscale().png().toBuffer();
  const g = await decodeImage(grey, 8);
  assert.deepEqual(g.shape, [1, 8, 8, 3]);
  g.dispose();
  assert.equal(tf.memory().numTensors, before);
  await assert.rejects(decodeImage(Buffer.from('not an image')));
});

test('encodeImage round-trips through PNG exactly and JPEG closely; bad shapes are errors', async () => {
  const before = tf.memory().numTensors;
  const img = tf.tidy(() => tf.linspace(0, 1, 4 * 6 * 3).reshape([1, 4, 6, 3]) as tf.Tensor4D);
  const png = await encodeImage(img, 'png');
  const back = await decodeImage(png);
  const err = tf.tidy(() => back.sub(img).abs().max().dataSync()[0]);
  assert.ok(err <= 0.5 / 255 + 1e-6, `png error ${err}`);
  const hwc = img.squeeze([0]) as tf.Tensor3D;
  const jpeg = await encodeImage(hwc, 'jpeg');
  assert.equal((await sharp(jpeg).metadata()).format, 'jpeg');
  const bad = tf.zeros([2, 4, 4, 3]) as tf.Tensor4D;
  await assert.rejects(encodeImage(bad), /expected \[1, H, W, 3\] or \[H, W, 3\], but got \[2, 4, 4, 3\]/);
  tf.dispose([img, hwc, back, bad]);
  assert.equal(tf.memory().numTensors, before);
});
