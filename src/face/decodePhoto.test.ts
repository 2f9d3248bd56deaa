import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { decodePhoto } from './decodePhoto.ts';
import { isFaceError } from './faceError.ts';

/** A 6x4 RGB image whose pixel (x, y) is (40x, 60y, 7). */
const W = 6;
const H = 4;
const pixels = Buffer.alloc(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) pixels.set([40 * x, 60 * y, 7], (y * W + x) * 3);
const raw = { width: W, height: H, channels: 3 as const };

function rejectsWith(code: string, message: RegExp) {
  return (err: unknown) => isFaceError(err) && err.code === code && message.test(err.message);
}

test('PNG decodes to the same RGB pixels', async () => {
  const photo = await decodePhoto(await sharp(pixels, { raw }).png().toBuffer());
  assert.equal(photo.width, W);
  assert.equal(photo.channels, 3);
  assert.equal(photo.orientation, 1);
  assert.deepEqual(Buffer.from(photo.data), pixels);
});

test('EXIF orientation 6 and 8 are applied, giving the upright pixels', async () => {
  for (const [orientation, angle] of [[6, -90], [8, 90]] as const) {
    const stored = await sharp(pixels, { raw }).rotate(angle).raw().toBuffer({ resolveWithObject: true });
    const file = await sharp(stored.data, { raw: stored.info }).withMetadata({ orientation }).png().toBuffer();
    const photo = await decodePhoto(file);
    assert.equal(photo.orientation, orientation);
    assert.equal(photo.width, W);
    assert.deepEqual(Buffer.from(photo.data), pixels, `orientation ${orientation}`);
  }
});

test('alpha is dropped and grey becomes RGB', async () => {
  const rgba = await sharp(Buffer.alloc(W * H * 4, 90), { raw: { width: W, height: H, channels: 4 } }).png().toBuffer();
  assert.equal((await decodePhoto(rgba)).data.length, W * H * 3);
  const grey = await sharp(Buffer.alloc(W * H, 90), { raw: { width: W, height: H, channels: 1 } }).png().toBuffer();
  const photo = await decodePhoto(grey);
  assert.equal(photo.data.length, W * H * 3);
  assert.deepEqual([...photo.data.subarray(0, 3)], [90, 90, 90]);
});

test('non-images, empty input and oversized photos give typed errors', async () => {
  await assert.rejects(decodePhoto(Buffer.from('hello, not a picture'), { name: 'x.txt' }), rejectsWith('not_an_image', /^x\.txt: expected a JPEG, PNG, WebP, GIF, TIFF or AVIF image, but it cannot be decoded/));
  await assert.rejects(decodePhoto(Buffer.alloc(0)), rejectsWith('not_an_image', /expected image bytes, but got an empty buffer/));
  await assert.rejects(decodePhoto('a.jpg' as unknown as Uint8Array), rejectsWith('not_an_image', /but got string/));
  const png = await sharp(pixels, { raw }).png().toBuffer();
  await assert.rejects(decodePhoto(png, { maxPixels: 23 }), rejectsWith('too_many_pixels', /expected at most 23 pixels, but got 6x4 = 24/));
  const truncated = (await sharp(pixels, { raw }).jpeg().toBuffer()).subarray(0, 200);
  await assert.rejects(decodePhoto(truncated), rejectsWith('not_an_image', /./));
});
