import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { seededGaussian } from '../shared/random.ts';
import { balancedCodes } from './balanced.ts';
import { activationCodes, activationGrid, fakeQuantActivation, fakeQuantWeight } from './fakeQuant.ts';
import { dequantize } from './levels.ts';

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

const activations = [-0.3, 0, 0.2, 0.5, 0.84, 1, 1.7];

test('2-bit activations by hand: clip, then round(3v)/3 half to even', () => {
  const before = tf.memory().numTensors;
  const x = tf.tensor1d(activations);
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
  const x = tf.tensor1d(activations);
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

test('activation grid: [0, 1] is DoReFa (step 1/(2^k-1), codes from 0); other ranges put 0 exactly on a level', () => {
  assert.deepEqual(activationGrid(4), { inverseStep: 15, qMin: 0, qMax: 15 });
  assert.deepEqual(activationGrid(2, { lo: -1, hi: 3 }), { inverseStep: 0.75, qMin: -1, qMax: 2 });
  const g = activationGrid(8, { lo: -0.1, hi: 0.2 });
  assert.equal(g.qMax - g.qMin, 255);
  assert.ok(g.qMin < 0 && Number.isInteger(g.qMin));
  assert.throws(() => activationGrid(4, { lo: 0.5, hi: 1 }), /expected finite lo <= 0 < hi, but got \[0.5, 1\]/);
  assert.throws(() => activationGrid(4, { lo: -1, hi: 0 }), /expected finite lo <= 0 < hi/);
});

test('activations on a calibrated range: levels q / inverseStep, zero kept exactly, clipped outside, codes agree', () => {
  const range = { lo: -1, hi: 3 }; // 2 bits: levels -4/3, 0, 4/3, 8/3
  const x = tf.tensor1d([-5, -1, -0.5, 0, 0.6, 0.7, 2, 2.9, 9]);
  const y = fakeQuantActivation(x, 2, range);
  const want = [-4 / 3, -4 / 3, 0, 0, 0, 4 / 3, 8 / 3, 8 / 3, 8 / 3];
  y.dataSync().forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6, `${i}: ${v} vs ${want[i]}`));
  const codes = activationCodes(x, 2, range);
  assert.deepEqual([...codes.dataSync()].map((v) => v + 0), [-1, -1, 0, 0, 0, 1, 2, 2, 2]); // + 0: -0 is 0
  const grad = tf.grad((t: tf.Tensor) => fakeQuantActivation(t, 2, range).sum())(x);
  assert.deepEqual([...grad.dataSync()], [0, 1, 1, 1, 1, 1, 1, 0, 0]); // inside [-4/3, 8/3] only
  tf.dispose([x, y, codes, grad]);
});
