import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { randomImages, testBackend, tinyModel } from '../model/testUtils.ts';
import { generatorForward } from './losses.ts';
import { recipeByName } from './recipes.ts';

await testBackend();

test('encodeFrozen: the encoder as a fixed function on batch moments, gradient to the images only, no state recorded', () => {
  const model = tinyModel(3);
  const images = randomImages(2, 5);
  const before = tf.memory().numTensors;
  const encoderVars = model.entries().filter((e) => e.role === 'trainable' && e.name.startsWith('encoder/')).map((e) => e.variable);
  const recorded: string[] = [];
  model.recorder = { record: (name) => void recorded.push(name) };
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.encodeFrozen(images).object)), encoderVars);
  const imageGrad = tf.grad((x) => tf.sum(tf.square(model.encodeFrozen(x as tf.Tensor4D).object)))(images);
  model.recorder = null;
  const largest = Math.max(...Object.values(grads).map((g) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0])));
  assert.ok(value.dataSync()[0] > 0, 'expected a non-zero object part');
  assert.equal(largest, 0, `expected no gradient to the encoder's weights, but got up to ${largest}`);
  assert.ok(tf.tidy(() => tf.max(tf.abs(imageGrad)).dataSync()[0]) > 0, 'expected a gradient to the images');
  assert.deepEqual(recorded, []);
  const same = tf.tidy(() => tf.max(tf.abs(tf.sub(model.encodeFrozen(images).object, model.encode(images, true).object))).dataSync()[0]);
  assert.ok(same < 1e-5, `expected the training-mode values (batch moments), but they differ by ${same}`);
  tf.dispose([value, imageGrad, ...Object.values(grads)]);
  assert.equal(tf.memory().numTensors, before);
  images.dispose();
  model.dispose();
});

test('objectCycle: 0 and not computed by default; with a weight, the weighted L1 of the re-encoded fakes', () => {
  const model = tinyModel(4);
  const au = randomImages(2, 6);
  const b0 = randomImages(2, 7);
  const before = tf.memory().numTensors;
  const off = tf.tidy(() => generatorForward(model, au, b0, recipeByName('fast')).terms.objectCycle.dataSync()[0]);
  assert.equal(off, 0);
  const recipe = recipeByName('fast');
  recipe.weights.objectCycle = 2;
  const [term, expected] = tf.tidy(() => {
    const forward = generatorForward(model, au, b0, recipe);
    const x = model.encode(au, true).object;
    const cycle = tf.add(tf.mean(tf.abs(tf.sub(model.encodeFrozen(forward.images.bu).object, x))), tf.mean(tf.abs(model.encodeFrozen(forward.images.a0).object)));
    return [forward.terms.objectCycle.dataSync()[0], tf.mul(cycle, 2).dataSync()[0]];
  });
  assert.ok(term > 0, `expected a positive objectCycle term, but got ${term}`);
  assert.ok(Math.abs(term - expected) < 1e-5 * Math.max(1, expected), `expected ${expected}, but got ${term}`);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([au, b0]);
  model.dispose();
});

test('swapCycle: Dec(A\', x\') back to Au and Dec(B\', 0) back to B0 through the frozen encoder; 0 by default', () => {
  const model = tinyModel(5);
  const au = randomImages(2, 8);
  const b0 = randomImages(2, 9);
  const before = tf.memory().numTensors;
  const off = tf.tidy(() => generatorForward(model, au, b0, recipeByName('fast')).terms.swapCycle.dataSync()[0]);
  assert.equal(off, 0);
  const recipe = recipeByName('fast');
  recipe.weights.swapCycle = 0.5;
  const [term, objectTerm, expected] = tf.tidy(() => {
    const forward = generatorForward(model, au, b0, recipe);
    const fromBu = model.encodeFrozen(forward.images.bu);
    const fromA0 = model.encodeFrozen(forward.images.a0);
    const auBack = model.decode(fromA0.background, fromBu.object, true);
    const b0Back = model.decode(fromBu.background, tf.zerosLike(fromBu.object), true);
    const l1 = (p: tf.Tensor, q: tf.Tensor) => tf.mean(tf.abs(tf.sub(p, q)));
    return [forward.terms.swapCycle.dataSync()[0], forward.terms.objectCycle.dataSync()[0], tf.mul(tf.add(l1(au, auBack), l1(b0, b0Back)), 0.5).dataSync()[0]];
  });
  assert.equal(objectTerm, 0, 'objectCycle stays off');
  assert.ok(term > 0 && Math.abs(term - expected) < 1e-5 * Math.max(1, expected), `expected ${expected}, but got ${term}`);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([au, b0]);
  model.dispose();
});
