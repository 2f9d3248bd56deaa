import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { warpAffine } from './warpAffine.ts';
import { warpAffineTensor } from './warpAffineTensor.ts';
import { similarityTransform } from './similarityTransform.ts';
import type { RawImage } from './types.ts';

await selectBackend({ log: () => {} });

function smooth(width: number, height: number): RawImage<Float32Array> {
  const data = new Float32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    data.set([Math.sin(x / 3) * 0.5 + 0.5, y / height, (x * y) / (width * height)], i * 3);
  }
  return { data, width, height, channels: 3 };
}

test('tensor warp matches the raw warp (NHWC, both border modes) and frees its tensors', () => {
  const img = smooth(20, 16);
  const m = similarityTransform([[3, 4], [15, 6], [9, 13]], [[5, 6], [13, 5], [9, 12]]).matrix;
  const before = tf.memory().numTensors;
  const input = tf.tensor4d(img.data, [1, 16, 20, 3]);
  for (const border of ['constant', 'replicate'] as const) {
    const out = warpAffineTensor(input, m, { width: 12, height: 11, border, borderValue: 0.25 });
    assert.deepEqual(out.shape, [1, 11, 12, 3]);
    const ref = warpAffine(img, m, { width: 12, height: 11, border, borderValue: 0.25 });
    const got = out.dataSync();
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref.data[i]));
    assert.ok(worst < 1e-5, `border ${border}: max difference ${worst}`);
    // The matrix maps part of the output outside the source, so the border rule is exercised.
    if (border === 'constant') assert.ok(Array.from(got).includes(0.25), 'some pixels should be borderValue');
    out.dispose();
  }
  input.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('rank-3 input gives a rank-3 output; bad rank is rejected', () => {
  const x = tf.zeros([4, 5, 3]) as tf.Tensor3D;
  const out = warpAffineTensor(x, [[1, 0, 0], [0, 1, 0]], { width: 2, height: 3 });
  assert.deepEqual(out.shape, [3, 2, 3]);
  out.dispose();
  const bad = tf.zeros([4, 5]);
  assert.throws(() => warpAffineTensor(bad as unknown as tf.Tensor3D, [[1, 0, 0], [0, 1, 0]], { width: 2, height: 3 }), /expected an image of rank 3 \[h,w,c\] or 4 \[n,h,w,c\], but got shape \[4,5\]/);
  x.dispose();
  bad.dispose();
});
