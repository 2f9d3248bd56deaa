import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskValue, pasteBack, pasteMask } from './pasteBack.ts';
import { similarityTransform } from './similarityTransform.ts';
import { PASTE_MASK } from './constants.ts';
import type { RawImage } from './types.ts';

/** A 120x90 photo of pseudo-random pixels (so "unchanged" is a strong check). */
function noisyPhoto(): RawImage<Uint8Array> {
  const width = 120;
  const height = 90;
  const data = new Uint8Array(width * height * 3);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = s >>> 24;
  }
  return { data, width, height, channels: 3 };
}

// Photo -> crop: the crop (32 px) covers a rotated 64 px square around (60, 45).
const transform = similarityTransform([[40, 30], [80, 34], [60, 60]], [[6, 6], [26, 8], [16, 21]]);
const size = 32;

function solidCrop(value: number, float = false): RawImage {
  const n = size * size * 3;
  return { data: float ? new Float32Array(n).fill(value / 255) : new Uint8Array(n).fill(value), width: size, height: size, channels: 3 };
}

test('pixels where the mask is 0 stay exactly as they were; inside they blend toward the crop', () => {
  const photo = noisyPhoto();
  const before = new Uint8Array(photo.data);
  const out = pasteBack(photo, solidCrop(200), transform);
  assert.deepEqual(photo.data, before, 'the input photo is not modified');
  const mask = pasteMask(photo, size, transform.matrix);
  let outside = 0;
  let full = 0;
  for (let i = 0; i < mask.length; i++) {
    for (let c = 0; c < 3; c++) {
      const j = i * 3 + c;
      if (mask[i] === 0) assert.equal(out.data[j], photo.data[j], `pixel ${i} outside the mask changed`);
      else assert.ok(Math.abs(out.data[j] - (mask[i] * 200 + (1 - mask[i]) * photo.data[j])) <= 0.5 + 1e-3, `pixel ${i} blend`); // mask is float32
    }
    if (mask[i] === 0) outside++;
    if (mask[i] === 1) full++;
  }
  assert.ok(outside > mask.length / 2 && full > 100, `outside ${outside}, fully inside ${full}`);
});

test('float crops in [0, 1] paste like 8-bit crops', () => {
  const photo = noisyPhoto();
  assert.deepEqual(pasteBack(photo, solidCrop(200, true), transform).data, pasteBack(photo, solidCrop(200), transform).data);
});

test('mask is 1 at the face centre, 0 outside the ellipse, and smooth in between', () => {
  const c = [PASTE_MASK.centerX * size, PASTE_MASK.centerY * size];
  assert.equal(maskValue(c[0], c[1], size, PASTE_MASK), 1);
  assert.equal(maskValue(0, 0, size, PASTE_MASK), 0);
  const edge = c[0] + PASTE_MASK.radiusX * size;
  let prev = 1;
  for (let k = 0; k <= 20; k++) {
    const v = maskValue(c[0] + ((edge - c[0]) * k) / 20, c[1], size, PASTE_MASK);
    assert.ok(v <= prev + 1e-12 && v >= 0);
    prev = v;
  }
  assert.equal(prev, 0);
  assert.ok(maskValue(edge - 0.5, c[1], size, PASTE_MASK) > 0);
});

test('rejects a non-square or non-RGB crop and a non-RGB photo', () => {
  const photo = noisyPhoto();
  assert.throws(() => pasteBack(photo, { ...solidCrop(1), width: 16, height: 64 }, transform), /expected a square RGB crop, but got 16x64x3/);
  assert.throws(() => pasteBack({ ...photo, channels: 4, data: new Uint8Array(120 * 90 * 4) }, solidCrop(1), transform), /expected an 8-bit RGB photo/);
});
