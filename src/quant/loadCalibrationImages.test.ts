import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { openDataset } from '../data/openDataset.ts';
import { loadCalibrationImages } from './loadCalibrationImages.ts';

const FIXTURE = 'test/fixtures/celeba';

before(async () => {
  await selectBackend({ log: () => {} });
});

test('both sets get the same number of images even when the sets differ in size', async () => {
  const ds = await openDataset(FIXTURE, { attribute: 'Eyeglasses', imageSize: 64, split: 'train' });
  const smaller = Math.min(ds.counts.with, ds.counts.without);
  await ds.close();
  const before = tf.memory().numTensors;
  const { au, b0 } = await loadCalibrationImages({ data: FIXTURE, count: 1000 }, 64);
  assert.equal(au.shape[0], b0.shape[0]);
  assert.ok(au.shape[0] <= smaller && au.shape[0] > 0, `expected 1..${smaller} images, but got ${au.shape[0]}`);
  assert.deepEqual(au.shape.slice(1), [64, 64, 3]);
  tf.dispose([au, b0]);
  assert.equal(tf.memory().numTensors, before);
});
