import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warpAffine } from './warpAffine.ts';
import type { Affine2x3, RawImage } from './types.ts';

const IDENTITY: Affine2x3 = [[1, 0, 0], [0, 1, 0]];

/** A small RGB ramp whose channels differ, so channel mix-ups show. */
function ramp(width: number, height: number): RawImage<Uint8Array> {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = x * 10;
      data[i + 1] = y * 20;
      data[i + 2] = 200 - x - y;
    }
  }
  return { data, width, height, channels: 3 };
}

const px = (img: RawImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * img.channels, (y * img.width + x + 1) * img.channels));

test('identity warp copies the image exactly and keeps the pixel type', () => {
  const img = ramp(7, 5);
  const out = warpAffine(img, IDENTITY, { width: 7, height: 5 });
  assert.ok(out.data instanceof Uint8Array);
  assert.deepEqual(out.data, img.data);
});

test('integer shift moves pixels and fills the uncovered band with borderValue', () => {
  const img = ramp(6, 4);
  const out = warpAffine(img, [[1, 0, 2], [0, 1, 1]], { width: 6, height: 4, borderValue: 9 });
  assert.deepEqual(px(out, 2, 1), px(img, 0, 0));
  assert.deepEqual(px(out, 5, 3), px(img, 3, 2));
  assert.deepEqual(px(out, 1, 3), [9, 9, 9]);
  assert.deepEqual(px(out, 4, 0), [9, 9, 9]);
});

test('replicate border repeats the edge pixel instead', () => {
  const img = ramp(6, 4);
  const out = warpAffine(img, [[1, 0, 2], [0, 1, 0]], { width: 6, height: 4, border: 'replicate' });
  assert.deepEqual(px(out, 0, 2), px(img, 0, 2));
  assert.deepEqual(px(out, 1, 2), px(img, 0, 2));
});

test('half-pixel shift interpolates bilinearly (float keeps fractions)', () => {
  const data = new Float32Array([0, 10, 30, 100]);
  const img: RawImage<Float32Array> = { data, width: 4, height: 1, channels: 1 };
  const out = warpAffine(img, [[1, 0, -0.5], [0, 1, 0]], { width: 3, height: 1 });
  assert.deepEqual(Array.from(out.data), [5, 20, 65]);
});

test('8-bit output rounds half up and clamps', () => {
  const img: RawImage<Uint8Array> = { data: new Uint8Array([0, 1, 255, 255]), width: 4, height: 1, channels: 1 };
  const out = warpAffine(img, [[1, 0, -0.5], [0, 1, 0]], { width: 3, height: 1 });
  assert.deepEqual(Array.from(out.data), [1, 128, 255]);
});

test('a 90 degree rotation about the centre permutes pixels exactly (RGBA)', () => {
  const n = 5;
  const data = new Uint8Array(n * n * 4).map((_, i) => (i * 7) % 251);
  const img: RawImage<Uint8Array> = { data, width: n, height: n, channels: 4 };
  // (x, y) -> (n-1-y, x): rotate a square image a quarter turn.
  const out = warpAffine(img, [[0, -1, n - 1], [1, 0, 0]], { width: n, height: n });
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) assert.deepEqual(px(out, n - 1 - y, x), px(img, x, y));
});

test('output size may differ from the input (scale down by 2)', () => {
  const img = ramp(8, 8);
  const out = warpAffine(img, [[0.5, 0, -0.25], [0, 0.5, -0.25]], { width: 4, height: 4 });
  assert.equal(out.width, 4);
  assert.equal(out.data.length, 4 * 4 * 3);
  // Output (1,1) samples source (2.5, 2.5): the mean of x 2..3 and y 2..3.
  assert.deepEqual(px(out, 1, 1), [25, 50, 195]);
});

test('a Node Buffer input gives a plain Uint8Array output (no deprecated Buffer constructor)', () => {
  const img = ramp(3, 2);
  const out = warpAffine({ ...img, data: Buffer.from(img.data) }, IDENTITY, { width: 3, height: 2 });
  assert.equal(out.data.constructor, Uint8Array);
  assert.deepEqual(Array.from(out.data), Array.from(img.data));
});

test('rejects malformed images and sizes with clear messages', () => {
  const img = ramp(3, 3);
  assert.throws(() => warpAffine({ ...img, data: img.data.subarray(1) }, IDENTITY, { width: 3, height: 3 }), /expected 3x3x3 = 27 values, but got 26/);
  assert.throws(() => warpAffine({ ...img, channels: 2 }, IDENTITY, { width: 3, height: 3 }), /image.channels: expected 1, 3 or 4, but got 2/);
  assert.throws(() => warpAffine(img, IDENTITY, { width: 0, height: 3 }), /options.width to be a positive integer, but got 0/);
  assert.throws(() => warpAffine(img, [[0, 0, 0], [0, 0, 0]], { width: 3, height: 3 }), /expected an invertible matrix/);
});
