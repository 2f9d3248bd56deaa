import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { addAttribute } from './addAttribute.ts';
import { decodeWithMixedObjects } from './decodeWithMixedObjects.ts';
import { matrix } from './matrix.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from './testUtils.ts';

await testBackend();

test('matrix: [rows*cols,64,64,3] in [0,1]; corners are the four exemplars; the centre mixes all four equally', () => {
  const model = tinyModel();
  const target = randomImages(1, 1);
  const exemplars = randomImages(4, 2);
  const before = tf.memory().numTensors;
  const grid = matrix(model, target, exemplars, 3);
  assert.deepEqual(grid.shape, [9, 64, 64, 3]);
  const [lo, hi] = range(grid);
  assert.ok(lo >= 0 && hi <= 1);
  const cell = (i: number) => grid.slice([i, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D;
  const exemplar = (k: number) => exemplars.slice([k, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D;
  const corners = [0, 2, 6, 8];
  corners.forEach((c, k) => {
    const [got, e] = [cell(c), exemplar(k)];
    const want = addAttribute(model, target, e);
    assert.ok(maxAbsDiff(got, want) < 1e-5, `corner ${c} = exemplar ${k}`);
    tf.dispose([got, e, want]);
  });
  const centre = cell(4);
  const equal = decodeWithMixedObjects(model, target, exemplars, [[0.25, 0.25, 0.25, 0.25]]);
  assert.ok(maxAbsDiff(centre, equal) < 1e-5);
  tf.dispose([grid, centre, equal]);
  assert.equal(tf.memory().numTensors, before);
  const three = randomImages(3, 3);
  assert.throws(() => matrix(model, target, three, 3), /expected 4 images, but got 3/);
  tf.dispose([target, exemplars, three]);
  model.dispose();
});
