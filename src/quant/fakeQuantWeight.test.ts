import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { fakeQuantWeight } from './fakeQuantWeight.ts';
import { balancedCodes } from './balancedCodes.ts';
import { dequantize } from './dequantize.ts';
import { seededGaussian } from './seededGaussian.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

const shape: [number, number, number, number] = [2, 2, 3, 4];
const values = seededGaussian(48, 5, 0.05);

test('forward equals the packed codes dequantized, same shape', () => {
  const before = tf.memory().numTensors;
  const w = tf.tensor4d(values, shape);
  const q = fakeQuantWeight(w, 'balanced', 3);
  assert.deepEqual(q.shape, shape);
  assert.deepEqual([...q.dataSync()], [...dequantize(balancedCodes(values, 3, false))]);
  tf.dispose([w, q]);
  assert.equal(tf.memory().numTensors, before);
});

test('balanced, balanced-exact, mean-scaled and 1-bit uniform pass gradients straight through', () => {
  const before = tf.memory().numTensors;
  const w = tf.tensor4d(values, shape);
  const c = tf.randomNormal(shape, 0, 1, 'float32', 1);
  for (const [method, bits] of [['balanced', 2], ['balanced-exact', 4], ['mean-scaled', 3], ['uniform', 1]] as const) {
    const g = tf.grad((x: tf.Tensor) => fakeQuantWeight(x, method, bits).mul(c).sum())(w);
    // identity: d/dw sum(c * q(w)) = c exactly — so no gradient leaks through max/mean/percentiles.
    assert.deepEqual([...g.dataSync()], [...c.dataSync()], `${method} k=${bits}`);
    g.dispose();
  }
  tf.dispose([w, c]);
  assert.equal(tf.memory().numTensors, before);
});

test('uniform k > 1 gradient is max|w| (1 - tanh^2 w) / max|tanh w| (round straight through)', () => {
  const before = tf.memory().numTensors;
  const raw = [-0.6, -0.1, 0.2, 0.9];
  const w = tf.tensor1d(raw);
  const g = tf.grad((x: tf.Tensor) => fakeQuantWeight(x, 'uniform', 2).sum())(w);
  const m = Math.tanh(0.9) / 0.9;
  const got = g.dataSync();
  raw.forEach((x, i) => assert.ok(Math.abs(got[i] - (1 - Math.tanh(x) ** 2) / m) < 1e-5, `element ${i}`));
  tf.dispose([w, g]);
  assert.equal(tf.memory().numTensors, before);
});

test('rejects bad bits and method names clearly', () => {
  const w = tf.tensor1d([1, 2]);
  assert.throws(() => fakeQuantWeight(w, 'balanced', 0), /fakeQuantWeight bits: expected an integer from 1 to 8, but got 0/);
  assert.throws(() => fakeQuantWeight(w, 'ternary' as 'uniform', 2), /expected one of balanced\|balanced-exact\|uniform\|mean-scaled, but got "ternary"/);
  w.dispose();
});
