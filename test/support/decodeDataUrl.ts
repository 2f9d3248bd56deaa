import assert from 'node:assert/strict';
import sharp from 'sharp';

/** An image data URL from the API (PNG, JPEG or WebP) as raw RGB pixels (HWC, 8-bit) and its size. */
export async function decodeDataUrl(url: string) {
  const m = /^data:image\/(png|jpeg|webp);base64,(.+)$/.exec(url);
  assert.ok(m, `a data URL, got ${url.slice(0, 40)}`);
  return sharp(Buffer.from(m[2], 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}
