import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { tileImages } from './images.ts';
import { testBackend } from '../../test/helpers/model.ts';

await testBackend();

test('tileImages lays images out row-major with gaps and fills missing cells', () => {
  // 3 images of 2x2, values 0.1, 0.2, 0.3; 2 columns; gap 1 of value 1.
  const images = tf.stack([0.1, 0.2, 0.3].map((v) => tf.fill([2, 2, 1], v))) as Tensor4D;
  const grid = tileImages(images, 2, 1, 1);
  assert.deepEqual(grid.shape, [2 * 3 + 1, 2 * 3 + 1, 1]);
  const at = (y: number, x: number) => grid.arraySync()[y][x][0];
  assert.ok(Math.abs(at(1, 1) - 0.1) < 1e-6);
  assert.ok(Math.abs(at(1, 4) - 0.2) < 1e-6);
  assert.ok(Math.abs(at(4, 1) - 0.3) < 1e-6);
  assert.equal(at(4, 4), 1); // the missing fourth cell
  assert.equal(at(0, 0), 1); // border
  tf.dispose([images, grid]);
});
