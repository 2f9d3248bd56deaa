import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignFace } from './alignFace.ts';
import { applyAffine, invertAffine } from './similarityTransform.ts';
import { fivePointsFromArray, fivePointsToArray, templateAt } from './template.ts';
import type { Affine2x3, RawImage } from './types.ts';

/** A 200x160 photo with a bright 3x3 dot at each of the given points. */
function photoWithDots(points: [number, number][]): RawImage<Uint8Array> {
  const width = 200;
  const height = 160;
  const data = new Uint8Array(width * height * 3).fill(20);
  for (const [x, y] of points) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) data.fill(250, ((Math.round(y) + dy) * width + Math.round(x) + dx) * 3, ((Math.round(y) + dy) * width + Math.round(x) + dx) * 3 + 3);
    }
  }
  return { data, width, height, channels: 3 };
}

test('a face placed by a known similarity is mapped back onto the template, dots included', () => {
  const size = 64;
  const template = fivePointsToArray(templateAt(size));
  // Photo placement of the template: scale 2, rotated 20 degrees, shifted (integer dot centres).
  const a = 2 * Math.cos(0.35);
  const b = 2 * Math.sin(0.35);
  const place: Affine2x3 = [[a, -b, 60], [b, a, -10]];
  const photoPts = template.map((p) => applyAffine(place, p).map(Math.round) as [number, number]);
  const { crop, transform } = alignFace(photoWithDots(photoPts), fivePointsFromArray(photoPts), { size });
  assert.equal(crop.width, size);
  assert.ok(transform.rmsError < 0.5, `rms ${transform.rmsError}`);
  assert.ok(Math.abs(transform.scale - 0.5) < 0.01);
  for (const [x, y] of template) {
    assert.ok(crop.data[(Math.round(y) * size + Math.round(x)) * 3] > 100, `dot visible at template point (${x}, ${y})`);
  }
  // Corners of the crop are outside the dots, i.e. background (or border).
  assert.ok(crop.data[0] <= 20);
  const back = applyAffine(transform.inverse, template[0]);
  assert.ok(Math.hypot(back[0] - photoPts[0][0], back[1] - photoPts[0][1]) < 1);
  assert.deepEqual(invertAffine(transform.inverse).map((r) => r.map((v) => +v.toFixed(9))), transform.matrix.map((r) => r.map((v) => +v.toFixed(9))));
});

test('weights favour the chosen points; bad sizes are rejected', () => {
  const pts = fivePointsToArray(templateAt(128));
  const moved = pts.map(([x, y], i): [number, number] => (i >= 2 ? [x + 6, y + 6] : [x, y]));
  const img = photoWithDots([[10, 10]]);
  const plain = alignFace(img, fivePointsFromArray(moved), { size: 128 }).transform;
  const eyes = alignFace(img, fivePointsFromArray(moved), { size: 128, weights: [100, 100, 1, 1, 1] }).transform;
  const eyeError = (t: typeof plain) => Math.hypot(...(applyAffine(t.matrix, moved[0]).map((v, k) => v - pts[0][k]) as [number, number]));
  assert.ok(eyeError(eyes) < eyeError(plain) / 5);
  assert.throws(() => alignFace(img, fivePointsFromArray(pts), { size: 0 }), /expected size to be a positive integer, but got 0/);
});
