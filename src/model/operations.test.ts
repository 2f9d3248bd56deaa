import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { addAttribute, crossover, decodeMixes, decodeWithMixedObjects, interpolate, matrix, remove, swap } from './operations.ts';
import { maxAbsDiff, randomImages, range, testBackend, tinyModel } from '../../test/helpers/model.ts';

await testBackend();

test('swap returns A0 = Dec(A, 0) and Bu = Dec(B, x), NHWC [N,64,64,3] in [0,1]', () => {
  const model = tinyModel();
  const au = randomImages(3, 1);
  const b0 = randomImages(3, 2);
  const { a0, bu } = swap(model, au, b0);
  assert.deepEqual(a0.shape, [3, 64, 64, 3]);
  assert.deepEqual(bu.shape, [3, 64, 64, 3]);
  for (const t of [a0, bu]) {
    const [lo, hi] = range(t);
    assert.ok(lo >= 0 && hi <= 1);
  }
  const [a0Ref, buRef] = tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    return [model.decode(a.background, tf.zerosLike(a.object), false), model.decode(b.background, a.object, false)];
  });
  assert.equal(maxAbsDiff(a0, a0Ref), 0);
  assert.equal(maxAbsDiff(bu, buRef), 0);
  tf.dispose([au, b0, a0, bu, a0Ref, buRef]);
  model.dispose();
});

test('no tensor leak over 100 swaps', () => {
  const model = tinyModel();
  const au = randomImages(1, 3);
  const b0 = randomImages(1, 4);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) {
    const { a0, bu } = swap(model, au, b0);
    tf.dispose([a0, bu]);
  }
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([au, b0]);
  model.dispose();
});

test('swap rejects mismatched batches with a clear error', () => {
  const model = tinyModel();
  const au = randomImages(2, 1);
  const b0 = randomImages(3, 2);
  assert.throws(() => swap(model, au, b0), /swap b0: expected images \[2,64,64,3\], but got \[3,64,64,3\]/);
  tf.dispose([au, b0]);
  model.dispose();
});

test('remove equals the A0 of swap, NHWC [N,64,64,3] in [0,1], without leaks', () => {
  const model = tinyModel();
  const au = randomImages(2, 1);
  const before = tf.memory().numTensors;
  const out = remove(model, au);
  assert.deepEqual(out.shape, [2, 64, 64, 3]);
  const [lo, hi] = range(out);
  assert.ok(lo >= 0 && hi <= 1);
  const { a0, bu } = swap(model, au, au);
  assert.equal(maxAbsDiff(out, a0), 0);
  tf.dispose([out, a0, bu]);
  assert.equal(tf.memory().numTensors, before);
  au.dispose();
  model.dispose();
});

test('strength 1 equals the swap Bu; strength 0 equals Dec(B, 0); one exemplar serves every target', () => {
  const model = tinyModel();
  const b0 = randomImages(3, 1);
  const exemplar = randomImages(1, 2);
  const full = addAttribute(model, b0, exemplar, 1);
  const half = addAttribute(model, b0, exemplar, 0.5);
  const none = addAttribute(model, b0, exemplar, 0);
  assert.deepEqual(full.shape, [3, 64, 64, 3]);
  for (const t of [full, half, none]) {
    const [lo, hi] = range(t);
    assert.ok(lo >= 0 && hi <= 1);
  }
  const au = tf.tile(exemplar, [3, 1, 1, 1]) as typeof exemplar;
  const { a0, bu } = swap(model, au, b0);
  assert.ok(maxAbsDiff(full, bu) < 1e-6);
  const b0Rec = tf.tidy(() => {
    const b = model.encode(b0, false);
    return model.decode(b.background, tf.zerosLike(b.object), false);
  });
  assert.ok(maxAbsDiff(none, b0Rec) < 1e-6);
  assert.ok(maxAbsDiff(half, full) > 0 && maxAbsDiff(half, none) > 0);
  const two = randomImages(2, 3);
  assert.throws(() => addAttribute(model, b0, two), /exemplar: expected images \[3,64,64,3\]/);
  tf.dispose([b0, exemplar, full, half, none, au, a0, bu, b0Rec, two]);
  model.dispose();
});

test('interpolate: [N*steps,64,64,3] in [0,1]; the ends are the two exemplars added at strength 1', () => {
  const model = tinyModel();
  const targets = randomImages(2, 1);
  const from = randomImages(1, 2);
  const to = randomImages(1, 3);
  const before = tf.memory().numTensors;
  const out = interpolate(model, targets, from, to, 4);
  assert.deepEqual(out.shape, [8, 64, 64, 3]);
  const [lo, hi] = range(out);
  assert.ok(lo >= 0 && hi <= 1);
  const second = tf.tidy(() => targets.slice([1, 0, 0, 0], [1, -1, -1, -1]));
  const viaAdd = [addAttribute(model, second, from), addAttribute(model, second, to)];
  const ends = [out.slice([4, 0, 0, 0], [1, -1, -1, -1]), out.slice([7, 0, 0, 0], [1, -1, -1, -1])];
  assert.ok(maxAbsDiff(ends[0], viaAdd[0]) < 1e-5);
  assert.ok(maxAbsDiff(ends[1], viaAdd[1]) < 1e-5);
  tf.dispose([out, second, ...viaAdd, ...ends]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => interpolate(model, targets, from, to, 1), /steps: expected an integer >= 2/);
  tf.dispose([targets, from, to]);
  model.dispose();
});

test('matrix: [rows*cols,64,64,3] in [0,1]; corners are the four exemplars; the centre mixes all four equally', () => {
  const model = tinyModel();
  const target = randomImages(1, 1);
  const exemplars = randomImages(4, 2);
  const before = tf.memory().numTensors;
  const grid = matrix(model, target, exemplars, 3);
  assert.deepEqual(grid.shape, [9, 64, 64, 3]);
  const [lo, hi] = range(grid);
  assert.ok(lo >= 0 && hi <= 1);
  const cell = (i: number) => grid.slice([i, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D;
  const exemplar = (k: number) => exemplars.slice([k, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D;
  const corners = [0, 2, 6, 8];
  corners.forEach((c, k) => {
    const [got, e] = [cell(c), exemplar(k)];
    const want = addAttribute(model, target, e);
    assert.ok(maxAbsDiff(got, want) < 1e-5, `corner ${c} = exemplar ${k}`);
    tf.dispose([got, e, want]);
  });
  const centre = cell(4);
  const equal = decodeWithMixedObjects(model, target, exemplars, [[0.25, 0.25, 0.25, 0.25]]);
  assert.ok(maxAbsDiff(centre, equal) < 1e-5);
  tf.dispose([grid, centre, equal]);
  assert.equal(tf.memory().numTensors, before);
  const three = randomImages(3, 3);
  assert.throws(() => matrix(model, target, three, 3), /expected 4 images, but got 3/);
  tf.dispose([target, exemplars, three]);
  model.dispose();
});

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

test('crossover in training mode builds Bu = Dec(B, u) and A0 = Dec(A, 0) with batch statistics', () => {
  const model = tinyModel();
  const au = randomImages(2, 5);
  const b0 = randomImages(2, 6);
  const diffs = tf.tidy(() => {
    const a = model.encode(au, true);
    const b = model.encode(b0, true);
    const { bu, a0 } = crossover(model, a, b, true);
    const buRef = model.decode(b.background, a.object, true);
    const a0Ref = model.decode(a.background, tf.zerosLike(a.object), true);
    const inference = crossover(model, a, b);
    return [maxAbsDiff(bu, buRef), maxAbsDiff(a0, a0Ref), maxAbsDiff(inference.bu, bu)];
  });
  assert.equal(diffs[0], 0);
  assert.equal(diffs[1], 0);
  assert.ok(diffs[2] > 0, 'inference mode uses the moving statistics instead');
  tf.dispose([au, b0]);
  model.dispose();
});
