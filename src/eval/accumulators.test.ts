import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { presetConfig } from '../model/presets.ts';
import { RunningMoments, addTransferCounts, transferRates } from './accumulators.ts';
import { VariantScores } from './variantScores.ts';
import type { AttributeJudge } from './types.ts';

test('RunningMoments: mean and unbiased covariance of three hand-picked samples', () => {
  const r = new RunningMoments(2);
  r.add([1, 2, 3, 6]);
  r.add(Float32Array.of(5, 4));
  const { mean, cov, count } = r.moments();
  assert.equal(count, 3);
  assert.deepEqual(Array.from(mean), [3, 4]);
  // deviations x: -2 0 2, y: -2 2 0 -> var 8/2, var 8/2, cov 4/2
  assert.deepEqual(Array.from(cov), [4, 2, 2, 4]);
});

test('RunningMoments: far-from-zero features keep their small variance (shifted sums)', () => {
  const r = new RunningMoments(1);
  for (let i = 0; i < 1000; i++) r.add([1e8 + (i % 2)]);
  const { mean, cov } = r.moments();
  assert.ok(Math.abs(mean[0] - (1e8 + 0.5)) < 1e-6);
  assert.ok(Math.abs(cov[0] - 0.25 * (1000 / 999)) < 1e-9);
});

test('RunningMoments: bad input is a clear error', () => {
  const r = new RunningMoments(2);
  assert.throws(() => r.add([1, 2, 3]), /expected a multiple of 2 values, but got 3/);
  assert.throws(() => r.add([1, NaN]), /expected finite features, but got NaN in sample 0/);
  assert.throws(() => r.moments(), /at least 2 samples for a covariance, but got 0/);
});

before(async () => {
  await selectBackend({ log: () => {} });
});

test('transfer counts: Bu succeeds above 0.5, A0 at or below 0.5 (hand-counted)', () => {
  const counts = { buWith: 0, a0Without: 0, total: 0 };
  addTransferCounts(counts, [0.9, 0.51, 0.5, 0.1], [0.2, 0.5, 0.7, 0.99]);
  addTransferCounts(counts, [0.6], [0.4]);
  // Bu: 0.9, 0.51, 0.6 -> 3 of 5; A0: 0.2, 0.5, 0.4 -> 3 of 5
  assert.deepEqual(counts, { buWith: 3, a0Without: 3, total: 5 });
  assert.deepEqual(transferRates(counts), { buWith: 0.6, a0Without: 0.6, mean: 0.6, pairs: 5 });
  assert.equal(transferRates({ buWith: 0, a0Without: 0, total: 0 }), null);
  assert.throws(() => addTransferCounts(counts, [1], []), /as many Bu as A0 scores, but got 1 and 0/);
});

test('transfer success through VariantScores with a stub classifier of known outputs', async () => {
  const config = presetConfig('tiny');
  const model = createGenegan(config, { critics: false, seed: 3 });
  // The stub returns the same known verdicts for every batch, whatever the images.
  const verdicts = [0.9, 0.2, 0.7, 0.4]; // returned for every call: Bu -> 2 of 4 "with"; A0 -> 2 of 4 "without"
  const stub: AttributeJudge = { probabilityWith: (images) => tf.tensor1d(verdicts.slice(0, images.shape[0])) };
  const variant = { label: 'tiny', source: 'model' as const, modelDir: '-', quantization: null, model, manifest: {} as never, weightBytes: 0 };
  const scores = new VariantScores(variant, []);
  const before = tf.memory().numTensors;
  const au = tf.randomUniform([4, 64, 64, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const b0 = tf.randomUniform([4, 64, 64, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
  const four = await scores.add({ au, b0, keep: null, auFactors: null }, { attribute: stub, factors: null, features: [] });
  tf.dispose([au, b0, ...Object.values(four)]);
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  assert.deepEqual(scores.transfer, { buWith: 2, a0Without: 2, total: 4 });
  assert.equal(scores.auPsnr.count, 4);
  model.dispose();
});
