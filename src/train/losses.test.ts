import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import type { Genegan } from '../model/types.ts';
import { randomImages, testBackend, tinyModel } from '../model/testUtils.ts';
import { generatorForward } from './losses.ts';
import { recipeByName } from './recipes.ts';
import type { Fakes } from './types.ts';

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

/**
 * An optional generator term: 0 under the plain recipe; with `weight` set, the term of
 * generatorForward equals `expected(forward)` (the unweighted value recomputed here) times the
 * weight, and the other optional term stays 0. No tensor leaks.
 */
function checkOptionalTerm(term: 'objectCycle' | 'swapCycle', weight: number, expected: (model: Genegan, au: Tensor4D, b0: Tensor4D, fakes: Fakes) => tf.Scalar, seed: number): void {
  const other = term === 'objectCycle' ? 'swapCycle' : 'objectCycle';
  const model = tinyModel(seed);
  const au = randomImages(2, seed + 4);
  const b0 = randomImages(2, seed + 5);
  const before = tf.memory().numTensors;
  const off = tf.tidy(() => generatorForward(model, au, b0, recipeByName('fast')).terms[term].dataSync()[0]);
  assert.equal(off, 0);
  const recipe = recipeByName('fast');
  recipe.weights[term] = weight;
  const [value, otherValue, want] = tf.tidy(() => {
    const forward = generatorForward(model, au, b0, recipe);
    const unweighted = expected(model, au, b0, { bu: forward.images.bu, a0: forward.images.a0 });
    return [forward.terms[term].dataSync()[0], forward.terms[other].dataSync()[0], tf.mul(unweighted, weight).dataSync()[0]];
  });
  assert.equal(otherValue, 0, `${other} stays off`);
  assert.ok(value > 0, `expected a positive ${term} term, but got ${value}`);
  assert.ok(Math.abs(value - want) < 1e-5 * Math.max(1, want), `expected ${want}, but got ${value}`);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([au, b0]);
  model.dispose();
}

const l1 = (p: tf.Tensor, q: tf.Tensor) => tf.mean(tf.abs(tf.sub(p, q)));

test('objectCycle: 0 and not computed by default; with a weight, the weighted L1 of the re-encoded fakes', () => {
  checkOptionalTerm('objectCycle', 2, (model, au, _b0, { bu, a0 }) => {
    const x = model.encode(au, true).object;
    return tf.add(l1(model.encodeFrozen(bu).object, x), tf.mean(tf.abs(model.encodeFrozen(a0).object))) as tf.Scalar;
  }, 0);
});

test('swapCycle: Dec(A\', x\') back to Au and Dec(B\', 0) back to B0 through the frozen encoder; 0 by default', () => {
  checkOptionalTerm('swapCycle', 0.5, (model, au, b0, { bu, a0 }) => {
    const fromBu = model.encodeFrozen(bu);
    const fromA0 = model.encodeFrozen(a0);
    const auBack = model.decode(fromA0.background, fromBu.object, true);
    const b0Back = model.decode(fromBu.background, tf.zerosLike(fromBu.object), true);
    return tf.add(l1(au, auBack), l1(b0, b0Back)) as tf.Scalar;
  }, 1);
});
