import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { decodeMixes } from './decodeMixes.ts';
import { swap } from './swap.ts';
import { addAttribute } from './addAttribute.ts';
import { randomImages, testBackend, tinyModel } from './testUtils.ts';

await testBackend();

test('decodeMixes gives swap, strength and reconstruction in one pass, equal to the separate operations, leaking nothing', () => {
  const model = tinyModel();
  try {
    const images = randomImages(2, 3);
    const before = tf.memory().numTensors;
    const out = decodeMixes(model, images, [
      { background: 0, weights: [0, 0] },
      { background: 1, weights: [1, 0] },
      { background: 1, weights: [0.5, 0] },
      { background: 1, weights: [0, 1] },
    ]);
    const diffs = tf.tidy(() => {
      const [a, b] = [images.slice(0, 1), images.slice(1, 1)];
      const { a0, bu } = swap(model, a, b);
      const half = addAttribute(model, b, a, 0.5);
      const latent = model.encode(b, false);
      const recon = model.decode(latent.background, latent.object, false);
      const rows = tf.split(out, 4);
      return [a0, bu, half, recon].map((expected, k) => tf.max(tf.abs(tf.sub(rows[k], expected))).dataSync()[0]);
    });
    diffs.forEach((diff, k) => assert.ok(diff < 1e-5, `row ${k} matches its operation (max difference ${diff})`));
    out.dispose();
    assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
    assert.throws(() => decodeMixes(model, images, [{ background: 2, weights: [0, 0] }]), /mixes\[0\]\.background: expected an input index 0\.\.1, but got 2/);
    assert.throws(() => decodeMixes(model, images, [{ background: 0, weights: [1] }]), /mixes\[0\]\.weights: expected 2 finite numbers, but got \[1\]/);
    images.dispose();
  } finally {
    model.dispose();
  }
});
