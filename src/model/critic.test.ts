import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { binomialBlur } from './critic.ts';
import { testBackend } from '../../test/helpers/model.ts';

await testBackend();

test('binomialBlur removes a checkerboard and keeps a constant (away from the border), per channel', () => {
  const side = 8;
  const values = new Float32Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 3;
      values[i] = (x + y) % 2 === 0 ? 1 : -1; // checkerboard in channel 0
      values[i + 1] = 0.7; // constant in channel 1
      values[i + 2] = x; // a ramp in channel 2 (linear: unchanged inside)
    }
  }
  const input = tf.tensor4d(values, [1, side, side, 3]) as Tensor4D;
  const before = tf.memory().numTensors;
  const out = binomialBlur(input);
  const inner = tf.tidy(() => out.slice([0, 1, 1, 0], [1, side - 2, side - 2, 3]).arraySync()[0]);
  for (const row of inner) {
    for (const [x, [c0, c1, c2]] of row.entries()) {
      assert.ok(Math.abs(c0) < 1e-6 && Math.abs(c1 - 0.7) < 1e-6 && Math.abs(c2 - (x + 1)) < 1e-5);
    }
  }
  out.dispose();
  assert.equal(tf.memory().numTensors, before);
  input.dispose();
});
