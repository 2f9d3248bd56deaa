import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawFaceOverlay } from './drawFaceOverlay.ts';
import { templateAt } from './template.ts';
import type { DetectedFace, RawImage } from './types.ts';

test('outlines the box and marks the five points on a copy', () => {
  const photo: RawImage<Uint8Array> = { data: new Uint8Array(200 * 100 * 3), width: 200, height: 100, channels: 3 };
  const face: DetectedFace = { index: 0, box: { x: 20, y: 10, width: 64, height: 64 }, points: templateAt(64), landmarks: [], yaw: 0 };
  for (const key of Object.keys(face.points) as (keyof typeof face.points)[]) {
    face.points[key] = [face.points[key][0] + 20, face.points[key][1] + 10];
  }
  const out = drawFaceOverlay(photo, [face]);
  const px = (x: number, y: number) => [...out.data.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3)];
  assert.deepEqual(px(19, 40), [0, 255, 0], 'left edge of the box');
  assert.deepEqual(px(84, 40), [0, 255, 0], 'right edge of the box');
  assert.deepEqual(px(Math.round(face.points.nose[0]), Math.round(face.points.nose[1])), [255, 40, 40]);
  assert.deepEqual(px(50, 40), [0, 0, 0], 'inside is untouched');
  assert.ok(photo.data.every((v) => v === 0), 'the input is not modified');
});
