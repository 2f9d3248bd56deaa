import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { openDataset } from '../data/openDataset.ts';
import type { PackedGenerator } from '../quant/types.ts';
import { calibrateActivationRanges, calibrateBatchNorm, loadCalibrationImages } from './calibrate.ts';
import { relativeError } from '../quant/fakeQuant.ts';
import { INFERENCE } from './normalization.ts';
import { packedNetwork } from './packed.ts';
import { quantizeGenerator, readGeneratorWeights } from './quantize.ts';
import { randomizedModel } from '../../test/helpers/model.ts';

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

test('a calibration set larger than the chunk goes through in chunks whose moments are averaged by size', () => {
  const model = randomizedModel('tiny', 8);
  const packed = quantizeGenerator(readGeneratorWeights(model), model.config, { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true });
  const au = tf.randomUniform([5, 64, 64, 3], 0, 1, 'float32', 4) as Tensor4D;
  const b0 = tf.randomUniform([5, 64, 64, 3], 0, 1, 'float32', 5) as Tensor4D;
  const first = [tf.slice(au, 0, 3), tf.slice(b0, 0, 3)] as Tensor4D[];
  const rest = [tf.slice(au, 3, 2), tf.slice(b0, 3, 2)] as Tensor4D[];
  const before = tf.memory().numTensors;
  const chunked = calibrateBatchNorm(packed, model.config, au, b0, 3);
  assert.equal(tf.memory().numTensors, before);
  const a = calibrateBatchNorm(packed, model.config, first[0], first[1]);
  const b = calibrateBatchNorm(packed, model.config, rest[0], rest[1]);
  const whole = calibrateBatchNorm(packed, model.config, au, b0);
  let differs = false;
  for (const name of ['encoder/conv2/bn/moving_mean', 'encoder/conv3/bn/moving_variance', 'decoder/deconv1/bn/moving_variance']) {
    const got = chunked.floats.get(name)?.values as Float32Array;
    const va = a.floats.get(name)?.values as Float32Array;
    const vb = b.floats.get(name)?.values as Float32Array;
    got.forEach((v, i) => {
      const want = (3 * va[i] + 2 * vb[i]) / 5;
      assert.ok(Math.abs(v - want) <= 1e-5 * (1 + Math.abs(want)), `${name}[${i}]: expected ${want}, but got ${v}`);
    });
    differs ||= got.some((v, i) => v !== (whole.floats.get(name)?.values as Float32Array)[i]);
  }
  assert.ok(differs, 'chunking must change the statistics (per-chunk batch moments), or the test proves nothing');
  tf.dispose([au, b0, ...first, ...rest]);
  model.dispose();
});

test('calibration sets of different sizes, and chunks below one image, are refused with a clear error', () => {
  const model = randomizedModel('tiny', 9);
  const packed = quantizeGenerator(readGeneratorWeights(model), model.config, { method: 'uniform', wbits: 4, abits: 32, floatFirstLast: true });
  const au = tf.zeros([2, 64, 64, 3]) as Tensor4D;
  const b0 = tf.zeros([1, 64, 64, 3]) as Tensor4D;
  assert.throws(() => calibrateBatchNorm(packed, model.config, au, b0), /expected the same positive number of images per set, but got 2 and 1/);
  const one = tf.zeros([1, 64, 64, 3]) as Tensor4D;
  assert.throws(() => calibrateBatchNorm(packed, model.config, one, b0, 0), /expected a chunk of at least 1 image, but got 0/);
  one.dispose();
  tf.dispose([au, b0]);
  model.dispose();
});

const FIXTURE = 'test/fixtures/celeba';

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

test('activation ranges cover what each quantized input holds, negatives too, and bring 8-bit close to float activations', () => {
  const model = randomizedModel('tiny', 9);
  const config = model.config;
  const float = quantizeGenerator(readGeneratorWeights(model), config, { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true });
  const au = tf.randomUniform([4, 64, 64, 3], 0, 1, 'float32', 3) as Tensor4D;
  const b0 = tf.randomUniform([4, 64, 64, 3], 0, 1, 'float32', 4) as Tensor4D;
  const before = tf.memory().numTensors;
  const ranged = calibrateActivationRanges(float, config, au, b0, 8);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(ranged.quant.abits, 8);
  assert.equal(ranged.kernels, float.kernels, 'kernels are shared, untouched');
  const conv2 = ranged.floats.get('encoder/conv2/act_range')?.values as Float32Array;
  assert.ok(conv2[0] < 0 && conv2[1] > 0, `encoder/conv2 holds LeakyReLU negatives: [${conv2}]`);
  assert.ok(!ranged.floats.has('encoder/conv1/act_range'), 'the float first layer has no range');
  const run = (p: PackedGenerator) => {
    const network = packedNetwork(p, config, 'lowbit');
    const out = tf.tidy(() => network.decode(network.encode(au, INFERENCE), INFERENCE));
    network.dispose();
    return out;
  };
  const ref = run(float);
  const withRanges = run(ranged);
  const unit = run({ ...float, quant: { ...float.quant, abits: 8 } }); // DoReFa's [0, 1] everywhere
  const errRanges = relativeError(withRanges, ref);
  const errUnit = relativeError(unit, ref);
  assert.ok(errRanges < 0.02 && errRanges * 5 < errUnit, `relative error: calibrated ${errRanges}, [0, 1] ${errUnit}`);
  tf.dispose([au, b0, ref, withRanges, unit]);
  model.dispose();
});
