import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import type { Genegan } from '../model/types.ts';
import { randomImages, testBackend, tinyModel } from '../../test/helpers/model.ts';
import { generatorForward, nullingTerm, parallelogramTerm } from './losses.ts';
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

test('nulling: mean |e| of B0\'s object part, on a hand-made tensor', () => {
  const e = tf.tensor4d([-1, 2, 0, -3, 0.5, -0.5, 4, 1], [2, 1, 2, 2]);
  const value = tf.tidy(() => nullingTerm(e).dataSync()[0]);
  assert.ok(Math.abs(value - (1 + 2 + 0 + 3 + 0.5 + 0.5 + 4 + 1) / 8) < 1e-7, `expected 1.5, but got ${value}`);
  e.dispose();
});

test('parallelogram: mean |Au + B0 - Bu - A0|, on hand-made tensors', () => {
  const t = (v: number[]) => tf.tensor4d(v, [1, 1, 2, 1]);
  const [au, b0, bu, a0] = [t([0.2, 0.9]), t([0.4, 0.1]), t([0.5, 0.3]), t([0.3, 0.6])];
  // Au + B0 = [0.6, 1.0], Bu + A0 = [0.8, 0.9]: differences -0.2 and 0.1.
  const value = tf.tidy(() => parallelogramTerm(au, b0, bu, a0).dataSync()[0]);
  assert.ok(Math.abs(value - 0.15) < 1e-6, `expected 0.15, but got ${value}`);
  const zero = tf.tidy(() => parallelogramTerm(au, b0, a0.clone(), tf.add(tf.add(au, b0), tf.neg(a0)) as Tensor4D).dataSync()[0]);
  assert.ok(zero < 1e-7, `expected 0 when Bu + A0 = Au + B0, but got ${zero}`);
  tf.dispose([au, b0, bu, a0]);
});

test('generatorForward weighs nulling and parallelogram by the recipe, on its own latents and images', () => {
  const model = tinyModel(2);
  const au = randomImages(2, 7);
  const b0 = randomImages(2, 8);
  const recipe = recipeByName('fast');
  const [nulling, parallelogram, wantNulling, wantParallelogram] = tf.tidy(() => {
    const { terms, images } = generatorForward(model, au, b0, recipe);
    const e = model.encode(b0, true).object;
    const p = parallelogramTerm(au, b0, images.bu, images.a0);
    return [terms.nulling, terms.parallelogram, tf.mul(nullingTerm(e), recipe.weights.nulling), tf.mul(p, recipe.weights.parallelogram)].map((x) => x.dataSync()[0]);
  });
  assert.ok(Math.abs(nulling - wantNulling) < 1e-6 * Math.max(1, wantNulling), `nulling: expected ${wantNulling}, but got ${nulling}`);
  assert.ok(Math.abs(parallelogram - wantParallelogram) < 1e-6 * Math.max(1, wantParallelogram), `parallelogram: expected ${wantParallelogram}, but got ${parallelogram}`);
  assert.ok(nulling > 0 && parallelogram > 0);
  tf.dispose([au, b0]);
  model.dispose();
});
