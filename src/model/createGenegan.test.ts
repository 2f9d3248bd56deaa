import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { bnMomentum } from './normalization.ts';
import { createGenegan } from './createGenegan.ts';
import { presetConfig } from './presets.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from '../../test/helpers/model.ts';

await testBackend();

test('tiny model: latent split, decoded images and critic scores have the documented shapes and ranges', () => {
  const before = tf.memory().numTensors;
  const model = tinyModel();
  const images = randomImages(3, 1);
  tf.tidy(() => {
    const { background, object } = model.encode(images, false);
    assert.deepEqual(background.shape, [3, 8, 8, 24]); // 4w = 32 latent channels, last 25% = object
    assert.deepEqual(object.shape, [3, 8, 8, 8]);
    const out = model.decode(background, object, true);
    assert.deepEqual(out.shape, [3, 64, 64, 3]);
    const [lo, hi] = range(out);
    assert.ok(lo >= 0 && hi <= 1, `decoded range [${lo}, ${hi}]`);
    assert.deepEqual(model.critic('u', out, true).shape, [3, 1]);
    assert.deepEqual(model.critic('0', out, false).shape, [3, 1]);
  });
  images.dispose();
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('128 px adds one stage to every network and keeps the 8x8 latent', () => {
  const model = createGenegan({ imageSize: 128, width: 2, objectRatio: 0.25 }, { seed: 2 });
  const images = randomImages(2, 3, 128);
  tf.tidy(() => {
    const { background, object } = model.encode(images, true);
    assert.deepEqual([background.shape, object.shape], [[2, 8, 8, 6], [2, 8, 8, 2]]);
    assert.deepEqual(model.decode(background, object, true).shape, [2, 128, 128, 3]);
    assert.deepEqual(model.critic('u', images, true).shape, [2, 1]);
  });
  const names = model.entries().map((e) => e.name);
  assert.ok(names.includes('encoder/conv4/kernel') && names.includes('decoder/deconv4/kernel') && names.includes('critic_0/conv5/kernel'));
  images.dispose();
  model.dispose();
});

test('widths are multiples of config.width; kernels are N(0, 0.02); the same seed gives the same weights', () => {
  const a = createGenegan(presetConfig('tiny'), { seed: 5 });
  const b = createGenegan(presetConfig('tiny'), { seed: 5 });
  const c = createGenegan(presetConfig('tiny'), { seed: 6 });
  const shape = (m: typeof a, n: string) => m.entries().find((e) => e.name === n)?.variable.shape;
  assert.deepEqual(shape(a, 'encoder/conv1/kernel'), [4, 4, 3, 8]);
  assert.deepEqual(shape(a, 'encoder/conv3/kernel'), [4, 4, 16, 32]);
  assert.deepEqual(shape(a, 'decoder/deconv1/kernel'), [4, 4, 32, 32]);
  assert.deepEqual(shape(a, 'decoder/deconv3/kernel'), [4, 4, 3, 16]);
  assert.deepEqual(shape(a, 'critic_u/dense/kernel'), [4 * 4 * 32, 1]);
  const kernel = (m: typeof a) => m.entries().find((e) => e.name === 'decoder/deconv1/kernel')!.variable;
  const std = tf.tidy(() => tf.moments(kernel(a)).variance.sqrt().dataSync()[0]);
  assert.ok(Math.abs(std - 0.02) < 0.001, `std ${std}`);
  assert.equal(maxAbsDiff(kernel(a), kernel(b)), 0);
  assert.ok(maxAbsDiff(kernel(a), kernel(c)) > 0.01);
  assert.equal(a.generatorVariables().length + a.criticVariables().length, a.entries().filter((e) => e.role === 'trainable').length);
  [a, b, c].forEach((m) => m.dispose());
});

test('inference mode uses moving statistics: an image decodes the same alone or in a batch; training mode does not', () => {
  const model = tinyModel();
  const images = randomImages(4, 7);
  const first = images.slice([0, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D;
  const run = (x: Tensor4D, training: boolean) =>
    tf.tidy(() => {
      const l = model.encode(x, training);
      return model.decode(l.background, l.object, training).slice([0, 0, 0, 0], [1, -1, -1, -1]);
    });
  const [batched, alone, batchedTrain, aloneTrain] = [run(images, false), run(first, false), run(images, true), run(first, true)];
  assert.ok(maxAbsDiff(batched, alone) < 1e-5);
  assert.ok(maxAbsDiff(batchedTrain, aloneTrain) > 1e-3);
  tf.dispose([images, first, batched, alone, batchedTrain, aloneTrain]);
  model.dispose();
});

test('applyStateUpdates moves BN moving statistics with the warm-up momentum and rejects trainable names', () => {
  const model = tinyModel();
  const mean = model.entries().find((e) => e.name === 'encoder/conv2/bn/moving_mean')!.variable;
  const update = tf.fill(mean.shape, 1);
  // momentum (1 + t) / (10 + t): 0.1 for the first update, 2/11 for the second, capped at 0.99 later.
  model.applyStateUpdates({ 'encoder/conv2/bn/moving_mean': update });
  assert.ok(Math.abs(mean.dataSync()[0] - 0.9) < 1e-6);
  model.applyStateUpdates({ 'encoder/conv2/bn/moving_mean': update });
  assert.ok(Math.abs(mean.dataSync()[0] - (0.9 * 2 / 11 + 9 / 11)) < 1e-6);
  assert.equal(bnMomentum(1000), 0.99);
  assert.throws(() => model.applyStateUpdates({ 'encoder/conv2/kernel': update }), /not a running-state variable/);
  assert.throws(() => model.applyStateUpdates({ nope: update }), /no variable "nope"/);
  update.dispose();
  model.dispose();
});

test('criticGain scales the critic scores and nothing else; absent, the config does not store it', () => {
  const plain = tinyModel(4, { criticSpectralNorm: true, criticBatchNorm: false });
  const gained = tinyModel(4, { criticSpectralNorm: true, criticBatchNorm: false, criticGain: 10 });
  assert.equal('criticGain' in plain.config, false);
  const images = randomImages(2, 5);
  tf.tidy(() => {
    for (const side of ['u', '0'] as const) {
      const ratio = tf.div(gained.critic(side, images, false), plain.critic(side, images, false));
      const [lo, hi] = range(ratio);
      assert.ok(Math.abs(lo - 10) < 1e-3 && Math.abs(hi - 10) < 1e-3, `D_${side} ratio in [${lo}, ${hi}]`);
    }
    assert.equal(maxAbsDiff(gained.encode(images, false).object, plain.encode(images, false).object), 0);
  });
  images.dispose();
  plain.dispose();
  gained.dispose();
});

test('bad configs and inputs give clear errors', () => {
  assert.throws(() => createGenegan({ ...presetConfig('tiny'), criticGain: 0 }), /criticGain: expected a positive number, but got 0/);
  assert.throws(() => createGenegan({ imageSize: 96 as 64, width: 8, objectRatio: 0.25 }), /imageSize: expected one of 64\|128, but got 96/);
  assert.throws(() => createGenegan({ imageSize: 64, width: 0, objectRatio: 0.25 }), /width: expected a positive integer, but got 0/);
  assert.throws(() => createGenegan({ imageSize: 64, width: 8, objectRatio: 1 }), /objectRatio: expected a number in \(0, 1\)/);
  assert.throws(() => createGenegan({ ...presetConfig('tiny'), quant: { method: 'odd' as 'uniform', wbits: 4, abits: 32, floatFirstLast: true } }), /quant.method/);
  const model = createGenegan(presetConfig('tiny'), { critics: false });
  const wrong = tf.zeros([1, 32, 32, 3]) as Tensor4D;
  assert.throws(() => model.encode(wrong, false), /encode: expected images \[N,64,64,3\], but got \[1,32,32,3\]/);
  assert.throws(() => model.critic('u', wrong, false), /no critics/);
  wrong.dispose();
  model.dispose();
});
