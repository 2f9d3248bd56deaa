import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { TEMPLATE_128 } from '../constants.ts';
import { drawFaceSvg } from './drawFaceSvg.ts';
import { faceLandmarks } from './faceGeometry.ts';
import { sampleFaceFactors } from './sampleFaceFactors.ts';
import type { FaceFactors } from './types.ts';

/** A face without pose jitter, smile or glasses: its eyes must sit exactly on the template. */
function still(index: number): FaceFactors {
  const f = sampleFaceFactors(5, index);
  return { ...f, pose: { rotation: 0, scale: 1, dx: 0, dy: 0 }, attributes: { ...f.attributes, glasses: null, smiling: false } };
}

test('without jitter the landmarks are the template (halved at 64 px)', () => {
  for (const size of [64, 128]) {
    const points = faceLandmarks(still(1), size);
    for (const i of [0, 1, 2]) {
      assert.ok(Math.abs(points[i][0] - (TEMPLATE_128[i][0] * size) / 128) < 1e-9);
      assert.ok(Math.abs(points[i][1] - (TEMPLATE_128[i][1] * size) / 128) < 1e-9);
    }
  }
});

test('with jitter the eyes stay within a few pixels of the template', () => {
  for (let i = 1; i <= 200; i++) {
    const [left, right] = faceLandmarks(sampleFaceFactors(3, i), 64);
    assert.ok(Math.hypot(left[0] - TEMPLATE_128[0][0] / 2, left[1] - TEMPLATE_128[0][1] / 2) < 3, `face ${i} left eye ${left}`);
    assert.ok(Math.hypot(right[0] - TEMPLATE_128[1][0] / 2, right[1] - TEMPLATE_128[1][1] / 2) < 3, `face ${i} right eye ${right}`);
  }
});

test('the rendered pupil is where the landmark says (darkest pixel within 2 px of the eye landmark)', async () => {
  const size = 128;
  for (const index of [1, 2, 3]) {
    const base = sampleFaceFactors(11, index);
    const f = { ...base, attributes: { ...base.attributes, glasses: null } };
    const { data } = await sharp(Buffer.from(drawFaceSvg(f, size))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    for (const [x, y] of faceLandmarks(f, size).slice(0, 2)) {
      let best = { v: Infinity, x: 0, y: 0 };
      for (let r = Math.round(y) - 2; r <= Math.round(y) + 2; r++) {
        for (let c = Math.round(x) - 2; c <= Math.round(x) + 2; c++) {
          const v = data[(r * size + c) * 3] + data[(r * size + c) * 3 + 1] + data[(r * size + c) * 3 + 2];
          if (v < best.v) best = { v, x: c, y: r };
        }
      }
      assert.ok(Math.hypot(best.x - x, best.y - y) <= 1.5, `face ${index}: darkest pixel (${best.x}, ${best.y}) vs landmark (${x.toFixed(1)}, ${y.toFixed(1)})`);
    }
  }
});
