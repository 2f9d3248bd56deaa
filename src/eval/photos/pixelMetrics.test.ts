import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachInRegion, regionInPhoto, changedShare, laplacianVariance, meanLuma, PSNR_CEILING, regionPsnr, type Rgb8 } from './pixelMetrics.ts';
import type { Affine2x3 } from '../../face/types.ts';

const IDENTITY: Affine2x3 = [[1, 0, 0], [0, 1, 0]];
const WHOLE = { x0: 0, x1: 1, y0: 0, y1: 1 };

function image(width: number, height: number, value: (x: number, y: number) => number): Rgb8 {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(value(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height, channels: 3 };
}

test('regionInPhoto: an aligned rectangle covers the pixels whose centres map into it, also when the face is turned', () => {
  const half = regionInPhoto({ width: 10, height: 10 }, IDENTITY, 10, { x0: 0, x1: 0.5, y0: 0, y1: 0.5 });
  assert.deepEqual([half.x0, half.y0, half.count], [0, 0, 25]);
  // The face turned by 90 degrees about the centre of a 10 px photo: same pixel count, other corner.
  const turned: Affine2x3 = [[0, 1, 0], [-1, 0, 9]];
  const region = regionInPhoto({ width: 10, height: 10 }, turned, 10, { x0: 0, x1: 0.5, y0: 0, y1: 0.5 });
  assert.equal(region.count, 25);
  const xs: number[] = [];
  forEachInRegion(region, (x) => xs.push(x));
  assert.deepEqual([Math.min(...xs), Math.max(...xs)], [5, 9]);
  assert.throws(() => regionInPhoto({ width: 10, height: 10 }, [[1, 0, 50], [0, 1, 0]], 10, WHOLE), /expected the region .* to cover photo pixels, but it lies outside the 10x10 photo/);
  assert.throws(() => regionInPhoto({ width: 10, height: 10 }, IDENTITY, 10, { x0: 0.5, x1: 0.2, y0: 0, y1: 1 }), /expected x0 < x1 and y0 < y1/);
});

test('meanLuma and regionPsnr: a grey of 100 has luma 100; a uniform error of 10 levels is 28.13 dB', () => {
  const grey = image(8, 8, () => 100);
  const region = regionInPhoto(grey, IDENTITY, 8, WHOLE);
  assert.ok(Math.abs(meanLuma(grey, region) - 100) < 1e-9);
  assert.ok(Math.abs(regionPsnr(grey, image(8, 8, () => 110), region) - 10 * Math.log10(65025 / 100)) < 1e-9);
  assert.equal(regionPsnr(grey, grey, region), PSNR_CEILING);
  // Only the left half differs, and only the left half is scored: the right half cannot lower it.
  const left = regionInPhoto(grey, IDENTITY, 8, { x0: 0, x1: 0.5, y0: 0, y1: 1 });
  assert.equal(regionPsnr(grey, image(8, 8, (x) => (x < 4 ? 100 : 0)), left), PSNR_CEILING);
});

test('laplacianVariance: zero on a flat image, large on a checkerboard, smaller once it is blurred', () => {
  const flat = image(16, 16, () => 90);
  const region = regionInPhoto(flat, IDENTITY, 16, WHOLE);
  assert.equal(laplacianVariance(flat, region), 0);
  const checker = image(16, 16, (x, y) => ((x + y) % 2 ? 200 : 50));
  const sharp = laplacianVariance(checker, region);
  // Interior pixels alternate between -4 * 150 and +4 * 150 around a mean near 0: variance ~ 600^2.
  assert.ok(Math.abs(sharp - 360000) < 360000 * 0.02, `expected about 360000, but got ${sharp}`);
  const soft = image(16, 16, (x, y) => ((x + y) % 2 ? 140 : 110));
  assert.ok(laplacianVariance(soft, region) < sharp / 10);
});

test('changedShare: counts pixels where some channel moved by more than 2 levels', () => {
  const a = image(10, 10, () => 100);
  const b = { ...a, data: new Uint8Array(a.data) };
  b.data[0] = 103; // pixel 0, red +3: changed
  b.data[5] = 97; // pixel 1, blue -3: changed
  b.data[6] = 102; // pixel 2, red +2: not changed
  b.data[299] = 255; // last pixel: changed
  assert.equal(changedShare(a, b), 3 / 100);
  assert.equal(changedShare(a, a), 0);
  assert.throws(() => changedShare(a, image(5, 5, () => 0)), /expected two photos of the same size, but got 10x10 and 5x5/);
});
