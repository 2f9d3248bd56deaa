import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { addAttribute } from './addAttribute.ts';
import { interpolate } from './interpolate.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from './testUtils.ts';

await testBackend();

test('interpolate: [N*steps,64,64,3] in [0,1]; the ends are the two exemplars added at strength 1', () => {
  const model = tinyModel();
  const targets = randomImages(2, 1);
  const from = randomImages(1, 2);
  const to = randomImages(1, 3);
  const before = tf.memory().numTensors;
  const out = interpolate(model, targets, from, to, 4);
  assert.deepEqual(out.shape, [8, 64, 64, 3]);
  const [lo, hi] = range(out);
  assert.ok(lo >= 0 && hi <= 1);
  const second = tf.tidy(() => targets.slice([1, 0, 0, 0], [1, -1, -1, -1]));
  const viaAdd = [addAttribute(model, second, from), addAttribute(model, second, to)];
  const ends = [out.slice([4, 0, 0, 0], [1, -1, -1, -1]), out.slice([7, 0, 0, 0], [1, -1, -1, -1])];
  assert.ok(maxAbsDiff(ends[0], viaAdd[0]) < 1e-5);
  assert.ok(maxAbsDiff(ends[1], viaAdd[1]) < 1e-5);
  tf.dispose([out, second, ...viaAdd, ...ends]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => interpolate(model, targets, from, to, 1), /steps: expected an integer >= 2/);
  tf.dispose([targets, from, to]);
  model.dispose();
});
