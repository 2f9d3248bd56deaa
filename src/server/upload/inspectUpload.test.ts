import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { inspectUpload } from './inspectUpload.ts';
import { decodeUpload } from './decodeUpload.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../constants.ts';
import { bombPng, gradientImage, textFile, truncatedJpeg } from '../../../test/support/makeImages.ts';
import type { HttpError } from '../httpError.ts';

const limits = { ...DEFAULT_UPLOAD_LIMITS };

async function rejects(p: Promise<unknown>, status: number, code: string, message: RegExp) {
  await assert.rejects(p, (err: HttpError) => {
    assert.equal(err.statusCode, status);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });
}

test('a real PNG passes and decodes to RGB of its size', async () => {
  const upload = await inspectUpload('a', await gradientImage(20, 10), limits);
  assert.deepEqual([upload.type, upload.width, upload.height], ['png', 20, 10]);
  const rgb = await decodeUpload(upload, limits.maxPixels);
  assert.deepEqual([rgb.width, rgb.height, rgb.data.length], [20, 10, 20 * 10 * 3]);
  assert.equal(rgb.data[0], 0, 'red ramps from 0 at the left edge');
});

test('greyscale and alpha inputs still decode to 3 channels', async () => {
  const grey = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } } })
    .greyscale().png().toBuffer();
  const rgb = await decodeUpload(await inspectUpload('a', grey, limits), limits.maxPixels);
  assert.equal(rgb.data.length, 4 * 4 * 3);
});

test('a text file named .jpg is 415 not_an_image, naming the field', async () => {
  await rejects(inspectUpload('b', textFile(), limits), 415, 'not_an_image', /^field b: expected a JPEG.*but got text starting "this is not a picture/);
});

test('a decompression-bomb PNG is 413 from its header, before any decoding', async () => {
  const bomb = bombPng();
  assert.ok(bomb.length < 200_000, `the bomb is small on disk (${bomb.length} bytes)`);
  await rejects(inspectUpload('a', bomb, limits), 413, 'too_many_pixels', /expected at most 16777216 pixels, but got 20000x20000/);
  // Even if the header check were skipped, sharp's own pixel limit refuses to decode it.
  const forged = { field: 'a', bytes: bomb, type: 'png' as const, width: 1, height: 1 };
  await rejects(decodeUpload(forged, limits.maxPixels), 422, 'corrupt_image', /pixel limit/);
});

test('a truncated JPEG reads its header but fails to decode with 422 corrupt_image', async () => {
  const upload = await inspectUpload('a', await truncatedJpeg(), limits);
  await rejects(decodeUpload(upload, limits.maxPixels), 422, 'corrupt_image', /field a: could not read this jpeg image/);
});

test('a header-only PNG is corrupt, not a crash', async () => {
  const png = await gradientImage(8, 8);
  await rejects(inspectUpload('a', png.subarray(0, 12), limits), 422, 'corrupt_image', /field a/);
});
