import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { activationCodes, fakeQuantActivation } from './fakeQuantActivation.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

const raw = [-0.3, 0, 0.2, 0.5, 0.84, 1, 1.7];

test('2-bit activations by hand: clip, then round(3v)/3 half to even', () => {
  const before = tf.memory().numTensors;
  const x = tf.tensor1d(raw);
  const y = fakeQuantActivation(x, 2);
  // 3 * clip = [0, 0, .6, 1.5, 2.52, 3, 3] -> [0, 0, 1, 2, 3, 3, 3]
  const want = [0, 0, 1, 2, 3, 3, 3].map((c) => c / 3);
  const got = y.dataSync();
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) < 1e-7, `element ${i}: ${got[i]} vs ${w}`));
  const codes = activationCodes(x, 2);
  assert.deepEqual([...codes.dataSync()], [0, 0, 1, 2, 3, 3, 3]);
  tf.dispose([x, y, codes]);
  assert.equal(tf.memory().numTensors, before);
});

test('gradient: identity inside [0, 1] (bounds included), zero outside', () => {
  const before = tf.memory().numTensors;
  const x = tf.tensor1d(raw);
  const dy = tf.tensor1d([1, 2, 3, 4, 5, 6, 7]);
  const g = tf.grad((v: tf.Tensor) => fakeQuantActivation(v, 3).mul(dy).sum())(x);
  assert.deepEqual([...g.dataSync()], [0, 2, 3, 4, 5, 6, 0]);
  tf.dispose([x, dy, g]);
  assert.equal(tf.memory().numTensors, before);
});

test('works on NHWC batches and rejects bad bits', () => {
  const x = tf.randomUniform([2, 3, 3, 4], -0.5, 1.5, 'float32', 2);
  const y = fakeQuantActivation(x, 4);
  const levels = new Set([...y.dataSync()].map((v) => Math.round(v * 15)));
  assert.ok([...levels].every((c) => c >= 0 && c <= 15));
  assert.throws(() => fakeQuantActivation(x, 32), /expected an integer from 1 to 8, but got 32/);
  tf.dispose([x, y]);
});
