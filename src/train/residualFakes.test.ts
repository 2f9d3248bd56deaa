import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { measureChange } from '../face/composite.ts';
import { randomImages, testBackend, tinyModel } from '../../test/helpers/model.ts';
import { computeCriticGradients } from './criticStep.ts';
import { computeGeneratorGradients } from './generatorStep.ts';
import { generatorForward } from './losses.ts';
import { recipeByName } from './recipes.ts';
import { shownFakes } from './residualFakes.ts';

await testBackend();

/** The service's residual answer at the model's size for image i, recomputed pixel by pixel. */
function servedComposite(input: Float32Array, generated: Float32Array, reference: Float32Array, base: Float32Array, size: number, i: number, mask: { low: number; high: number }): Float32Array {
  const per = size * size * 3;
  const view = (d: Float32Array) => ({ data: d.subarray(i * per, (i + 1) * per), width: size, height: size, channels: 3 });
  const m = measureChange(view(generated), view(reference), mask).mask.data;
  const out = new Float32Array(per);
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) {
      const k = i * per + p * 3 + c;
      out[p * 3 + c] = Math.min(1, Math.max(0, input[k] + m[p] * (generated[k] - base[k])));
    }
  }
  return out;
}

test('shownFakes: decoded passes the decodes through; residual is the input plus the masked change, as the service measures it', () => {
  const [n, s] = [2, 32];
  const b0Rec = randomImages(n, 4, s);
  // Bu differs from B0' only in its right half, so the mask must keep B0 on the left.
  const right = randomImages(n, 5, s);
  const bu = tf.tidy(() => tf.concat([tf.slice(b0Rec, [0, 0, 0, 0], [n, s, s / 2, 3]), tf.slice(right, [0, 0, s / 2, 0], [n, s, s / 2, 3])], 2)) as Tensor4D;
  right.dispose();
  const images = { au: randomImages(n, 1, s), b0: randomImages(n, 2, s), auRec: randomImages(n, 3, s), b0Rec, bu, a0: randomImages(n, 6, s) };
  const before = tf.memory().numTensors;
  const decoded = shownFakes({ kind: 'decoded' }, images);
  assert.equal(decoded.bu, images.bu);
  assert.equal(decoded.a0, images.a0);
  const mask = { low: 0.1, high: 0.3 };
  const shown = tf.tidy(() => {
    const r = shownFakes({ kind: 'residual', mask }, images);
    return { bu: tf.keep(r.bu), a0: tf.keep(r.a0) };
  });
  assert.equal(tf.memory().numTensors, before + 2, 'expected only the two composites to stay');
  const d = Object.fromEntries(Object.entries(images).map(([k, t]) => [k, t.dataSync() as Float32Array]));
  const got = { bu: shown.bu.dataSync(), a0: shown.a0.dataSync() };
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const wantBu = servedComposite(d.b0, d.bu, d.b0Rec, d.b0Rec, s, i, mask);
    const wantA0 = servedComposite(d.au, d.a0, d.auRec, d.au, s, i, mask);
    for (let k = 0; k < wantBu.length; k++) {
      largest = Math.max(largest, Math.abs(got.bu[i * wantBu.length + k] - wantBu[k]), Math.abs(got.a0[i * wantA0.length + k] - wantA0[k]));
    }
  }
  assert.ok(largest < 1e-5, `expected the service's composites, but they differ by ${largest}`);
  const untouched = tf.tidy(() => tf.sum(tf.cast(tf.equal(shown.bu, images.b0), 'float32')).dataSync()[0]);
  assert.ok(untouched > 0 && untouched < n * s * s * 3, `expected the mask to keep some of B0's pixels and change others, but ${untouched} are kept`);
  tf.dispose([shown.bu, shown.a0, ...Object.values(images)]);
});

test('residual fakes: the critics score the composites, the generator gets a gradient through the change, nothing leaks', () => {
  const model = tinyModel(11);
  const au = randomImages(2, 12);
  const b0 = randomImages(2, 13);
  const plain = recipeByName('fast');
  const residual = { ...recipeByName('fast'), fakes: { kind: 'residual' as const, mask: { low: 0, high: 0.01 } } };
  const before = tf.memory().numTensors;
  const adversarial = (recipe: typeof plain) => tf.tidy(() => generatorForward(model, au, b0, recipe).terms.adversarial.dataSync()[0]);
  assert.notEqual(adversarial(residual), adversarial(plain), 'expected the critics to see other images');
  const g = computeGeneratorGradients(model, au, b0, residual, { keepFakes: true });
  const fakes = g.fakes as { bu: Tensor4D; a0: Tensor4D };
  const expected = tf.tidy(() => {
    const f = generatorForward(model, au, b0, residual);
    return tf.max(tf.abs(tf.sub(f.shown.bu, fakes.bu))).dataSync()[0];
  });
  assert.ok(expected < 1e-6, `expected the kept fakes to be the composites, but they differ by ${expected}`);
  const decoderGrad = Math.max(...Object.entries(g.grads).filter(([k]) => k.startsWith('decoder/')).map(([, t]) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0])));
  assert.ok(decoderGrad > 0, 'expected a gradient to the decoder');
  const d = computeCriticGradients(model, au, b0, residual, fakes);
  const fresh = computeCriticGradients(model, au, b0, { ...residual, criticFreshBatch: true });
  assert.ok(Number.isFinite(d.losses.total) && Number.isFinite(fresh.losses.total));
  for (const step of [g, d, fresh]) tf.dispose([...Object.values(step.grads), ...Object.values(step.stateUpdates)]);
  tf.dispose([fakes.bu, fakes.a0]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([au, b0]);
  model.dispose();
});
