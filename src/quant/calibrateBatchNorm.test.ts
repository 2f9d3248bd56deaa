import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { calibrateBatchNorm } from './calibrateBatchNorm.ts';
import { readGeneratorWeights } from './readGeneratorWeights.ts';
import { quantizeGenerator } from './quantizeGenerator.ts';
import { randomizedModel } from './randomizedModel.ts';
import type { PackedGenerator } from './types.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

test("recalibrated encoder BN statistics equal src/model's training-mode batch moments, averaged per call", () => {
  const model = randomizedModel('tiny', 6);
  const weights = readGeneratorWeights(model);
  // All layers float (no kernels quantized): the recalibration must reproduce the model's own moments.
  const packed: PackedGenerator = { quant: { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true }, kernels: new Map(), floats: weights };
  const au = tf.randomUniform([3, 64, 64, 3], 0, 1, 'float32', 1) as Tensor4D;
  const b0 = tf.randomUniform([3, 64, 64, 3], 0, 1, 'float32', 2) as Tensor4D;
  const before = tf.memory().numTensors;
  const calibrated = calibrateBatchNorm(packed, model.config, au, b0);
  assert.equal(tf.memory().numTensors, before);
  // Training encodes each set in its own call; the moving statistics average the two calls' moments.
  const recorded = new Map<string, Float32Array>();
  const add = (name: string, value: Tensor) => {
    const v = value.dataSync();
    const sum = recorded.get(name) ?? new Float32Array(v.length);
    recorded.set(name, sum.map((s, i) => s + v[i] / 2));
  };
  model.recorder = { record: add };
  tf.tidy(() => {
    model.encode(au, true);
    model.encode(b0, true);
  });
  model.recorder = null;
  for (const name of ['encoder/conv2/bn/moving_mean', 'encoder/conv2/bn/moving_variance', 'encoder/conv3/bn/moving_variance']) {
    const got = calibrated.floats.get(name)?.values as Float32Array;
    const want = recorded.get(name) as Float32Array;
    assert.ok(want !== undefined && got.every((v, i) => Math.abs(v - want[i]) <= 1e-4 * (1 + Math.abs(want[i]))), name);
  }
  const decoderVar = calibrated.floats.get('decoder/deconv1/bn/moving_variance')?.values as Float32Array;
  assert.ok(decoderVar.every((v) => Number.isFinite(v) && v >= 0));
  assert.notDeepEqual(decoderVar, weights.get('decoder/deconv1/bn/moving_variance')?.values);
  tf.dispose([au, b0]);
  model.dispose();
});

test('recalibration keeps the kernels and only replaces moving statistics', () => {
  const model = randomizedModel('tiny', 7);
  const packed = quantizeGenerator(readGeneratorWeights(model), model.config, { method: 'balanced', wbits: 2, abits: 32, floatFirstLast: true });
  const images = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 3) as Tensor4D;
  const calibrated = calibrateBatchNorm(packed, model.config, images, images);
  assert.equal(calibrated.kernels, packed.kernels);
  for (const [name, t] of packed.floats) {
    const changed = calibrated.floats.get(name)?.values !== t.values;
    assert.equal(changed, /\/bn\/moving_(mean|variance)$/.test(name), name);
  }
  images.dispose();
  model.dispose();
});
