import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { createGeneratorQuant } from './createGeneratorQuant.ts';
import { maxAbsDiff, testBackend } from './testUtils.ts';

await testBackend();

const distinct = (t: tf.Tensor) => new Set(Array.from(t.dataSync())).size;

test('quantized layers get 2^wbits kernel levels and abits activation levels; edges stay float with floatFirstLast', () => {
  const q = createGeneratorQuant({ method: 'balanced', wbits: 2, abits: 3, floatFirstLast: true });
  const w = tf.randomNormal([4, 4, 8, 8], 0, 0.02, 'float32', 1);
  const x = tf.randomUniform([1, 4, 4, 8], -0.5, 1.5, 'float32', 2) as Tensor4D;
  tf.tidy(() => {
    assert.ok(distinct(q.kernel(w, false)) <= 4);
    assert.equal(maxAbsDiff(q.kernel(w, true), w), 0);
    const xq = q.input(x, false);
    assert.ok(distinct(xq) <= 8);
    assert.ok(xq.min().dataSync()[0] >= 0 && xq.max().dataSync()[0] <= 1);
    assert.equal(maxAbsDiff(q.input(x, true), x), 0);
  });
  const all = createGeneratorQuant({ method: 'uniform', wbits: 3, abits: 32, floatFirstLast: false });
  tf.tidy(() => {
    assert.ok(distinct(all.kernel(w, true)) <= 8);
    assert.equal(maxAbsDiff(all.input(x, false), x), 0); // abits 32: float activations
  });
  assert.equal(createGeneratorQuant(undefined).kernel(w, false), w);
  tf.dispose([w, x]);
});
