import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { testBackend } from '../../test/helpers/model.ts';
import { createOptimizer } from './createOptimizer.ts';

await testBackend();

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('RMSProp follows TF1 (mean square starts at 1, decay 0.8): hand-computed two steps', () => {
  const w = tf.variable(tf.tensor1d([1, -2]));
  const opt = createOptimizer({ kind: 'rmsprop', learningRate: 0.1, decay: 0.8, epsilon: 1e-10 }, { w });
  const g = tf.tensor1d([0.5, -1]);
  opt.apply({ w: g });
  // ms = 0.8 * 1 + 0.2 * g^2 = [0.85, 1.0]; w -= 0.1 * g / sqrt(ms)
  const ms1 = [0.85, 1.0];
  const w1 = [1 - (0.1 * 0.5) / Math.sqrt(ms1[0]), -2 + 0.1 / Math.sqrt(ms1[1])];
  const got = w.dataSync();
  close(got[0], w1[0]);
  close(got[1], w1[1]);
  opt.apply({ w: g });
  const ms2 = [0.8 * ms1[0] + 0.2 * 0.25, 0.8 * ms1[1] + 0.2];
  close(w.dataSync()[0], w1[0] - (0.1 * 0.5) / Math.sqrt(ms2[0]));
  tf.dispose([w, g]);
  opt.dispose();
});

test('Adam with bias correction: the first step moves each weight by the learning rate against the gradient sign', () => {
  const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
  const opt = createOptimizer({ kind: 'adam', learningRate: 0.01, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 }, { w });
  const g = tf.tensor1d([3, -0.2, 1e-3]);
  opt.apply({ w: g });
  const got = w.dataSync();
  close(got[0], 1 - 0.01, 1e-5);
  close(got[1], -2 + 0.01, 1e-5);
  close(got[2], 0.5 - 0.01, 1e-4);
  tf.dispose([w, g]);
  opt.dispose();
});

test('apply(grads, scale) multiplies the learning rate: Adam first step 0.25 x lr, scale 0 leaves weights alone; a negative scale is an error', () => {
  const w = tf.variable(tf.tensor1d([1, -2]));
  const opt = createOptimizer({ kind: 'adam', learningRate: 0.01, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 }, { w });
  const g = tf.tensor1d([3, -0.2]);
  opt.apply({ w: g }, 0.25);
  close(w.dataSync()[0], 1 - 0.0025, 1e-6);
  close(w.dataSync()[1], -2 + 0.0025, 1e-6);
  const before = Array.from(w.dataSync());
  opt.apply({ w: g }, 0);
  assert.deepEqual(Array.from(w.dataSync()), before);
  assert.throws(() => opt.apply({ w: g }, -1), /expected a learning-rate scale >= 0, but got -1/);
  tf.dispose([w, g]);
  opt.dispose();
});

test('state() and restore() continue exactly; a bad slot is a clear error', () => {
  const make = () => tf.variable(tf.tensor1d([1, 2, 3]));
  const [w1, w2] = [make(), make()];
  const cfg = { kind: 'adam', learningRate: 0.01, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 } as const;
  const [a, b] = [createOptimizer(cfg, { w: w1 }), createOptimizer(cfg, { w: w2 })];
  const grads = [tf.tensor1d([1, -1, 2]), tf.tensor1d([0.5, 0.1, -3])];
  a.apply({ w: grads[0] });
  b.apply({ w: grads[0] });
  const saved = a.state();
  a.apply({ w: grads[1] });
  const fresh = createOptimizer(cfg, { w: w2 });
  fresh.restore(saved);
  fresh.apply({ w: grads[1] });
  assert.deepEqual(Array.from(w2.dataSync()), Array.from(w1.dataSync()));
  const wrong = { ...saved, 'm/w': tf.zeros([2]) };
  assert.throws(() => fresh.restore(wrong), /slot "m\/w": expected shape \[3\], but got \[2\]/);
  assert.throws(() => fresh.restore({ step: saved.step }), /missing slot "m\/w"/);
  assert.throws(() => a.apply({ other: grads[0] }), /unknown variable "other"/);
  tf.dispose([w1, w2, ...grads, ...Object.values(saved), wrong['m/w']]);
  [a, b, fresh].forEach((o) => o.dispose());
});
