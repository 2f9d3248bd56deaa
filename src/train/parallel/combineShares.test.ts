import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../backend/tf.ts';
import { combineShares, shareSizes, splitBatch } from './combineShares.ts';

test('shareSizes splits a batch into near-equal, non-empty shares', () => {
  assert.deepEqual(shareSizes(16, 2), [8, 8]);
  assert.deepEqual(shareSizes(5, 2), [3, 2]);
  assert.deepEqual(shareSizes(7, 3), [3, 2, 2]);
  assert.deepEqual(shareSizes(1, 4), [1]);
});

test('combineShares weights by share size, concatenates fakes, and frees the shares', async () => {
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  const share = (g: number, n: number) => ({
    losses: { total: g },
    grads: { w: tf.fill([2], g) },
    stateUpdates: { m: tf.fill([1], 10 * g) },
    fakes: { bu: tf.fill([n, 1, 1, 1], g) as tf.Tensor4D, a0: tf.fill([n, 1, 1, 1], -g) as tf.Tensor4D },
  });
  const out = combineShares([share(1, 3), share(4, 1)], [3, 1]);
  assert.equal(out.losses.total, 1.75);
  assert.deepEqual(Array.from(out.grads.w.dataSync()), [1.75, 1.75]);
  assert.deepEqual(Array.from(out.stateUpdates.m.dataSync()), [17.5]);
  assert.deepEqual(Array.from(out.fakes!.bu.dataSync()), [1, 1, 1, 4]);
  tf.dispose([out.grads.w, out.stateUpdates.m, out.fakes!.bu, out.fakes!.a0]);
  assert.equal(tf.memory().numTensors, before);
});

test('splitBatch cuts consecutive samples', async () => {
  await tf.setBackend('cpu');
  const x = tf.tensor4d([0, 1, 2, 3, 4], [5, 1, 1, 1]);
  const parts = splitBatch(x, [3, 2]);
  assert.deepEqual(parts.map((p) => Array.from(p.dataSync())), [[0, 1, 2], [3, 4]]);
  tf.dispose([x, ...parts]);
});
