import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { subPixelConvUp, subPixelKernels } from './subPixelConvUp.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

test('sub-pixel form equals conv2dTranspose 4x4 s2 SAME', () => {
  const before = tf.memory().numTensors;
  const x = tf.randomNormal([2, 5, 6, 3], 0, 1, 'float32', 1) as Tensor4D;
  const kernel = tf.randomNormal([4, 4, 7, 3], 0, 1, 'float32', 2) as Tensor4D;
  const want = tf.conv2dTranspose(x, kernel, [2, 10, 12, 7], 2, 'same');
  const phases = subPixelKernels(kernel);
  const got = subPixelConvUp(x, phases);
  assert.deepEqual(got.shape, [2, 10, 12, 7]);
  const err = tf.tidy(() => tf.max(tf.abs(got.sub(want))).dataSync()[0]);
  assert.ok(err < 1e-4, `max abs difference ${err}`);
  tf.dispose([x, kernel, want, got, ...phases]);
  assert.equal(tf.memory().numTensors, before);
});
