import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleFaces, scanCopy } from './detectFacesInPhoto.ts';
import type { DetectedFace, Photo } from './types.ts';

const photo = (width: number, height: number): Photo => ({ data: new Uint8Array(width * height * 3).fill(90), width, height, channels: 3, orientation: 1 });

test('scanCopy downscales only photos whose longer side is over the limit, keeping the aspect', async () => {
  const small = photo(300, 200);
  assert.equal((await scanCopy(small, 512)).image, small);
  const { image, factor } = await scanCopy(photo(2000, 1000), 500);
  assert.deepEqual([image.width, image.height, image.data.length], [500, 250, 500 * 250 * 3]);
  assert.equal(factor, 4);
});

test('scaleFaces maps boxes and points of the copy back onto the photo (pixel centres onto pixel centres)', () => {
  const face: DetectedFace = {
    index: 0, box: { x: 10, y: 20, width: 30, height: 40 }, yaw: 3,
    points: { leftEye: [1.5, 2.5], rightEye: [3, 4], nose: [5, 6], leftMouth: [7, 8], rightMouth: [9, 10] },
    landmarks: [[0, 0], [2, 2]],
  };
  const [scaled] = scaleFaces([face], 2);
  assert.deepEqual(scaled.box, { x: 20, y: 40, width: 60, height: 80 });
  assert.deepEqual(scaled.points.leftEye, [3.5, 5.5]);
  assert.deepEqual(scaled.landmarks, [[0.5, 0.5], [4.5, 4.5]]);
  assert.equal(scaled.yaw, 3);
  assert.equal(scaleFaces([face], 1)[0], face);
});
