import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fivePointsFromArray, fivePointsToArray, templateAt } from './template.ts';
import { TEMPLATE_128 } from './constants.ts';

test('templateAt(128) is the 128 px template and 64 halves it', () => {
  assert.deepEqual(templateAt(128), TEMPLATE_128);
  const half = templateAt(64);
  assert.deepEqual(half.leftEye, [24.8, 32.9]);
  assert.deepEqual(half.rightMouth, [37.95, 47.65]);
});

test('templateAt keeps eyes level and the left eye on the viewer left at any size', () => {
  for (const size of [32, 64, 100, 256]) {
    const t = templateAt(size);
    assert.equal(t.leftEye[1], t.rightEye[1]);
    assert.ok(t.leftEye[0] < t.rightEye[0]);
    assert.ok(t.leftMouth[0] < t.rightMouth[0]);
    const eyeGap = t.rightEye[0] - t.leftEye[0];
    assert.ok(Math.abs(eyeGap - (28.1 * size) / 128) < 1e-9);
  }
});

test('templateAt rejects sizes that are not positive numbers', () => {
  assert.throws(() => templateAt(0), /expected a positive size in pixels, but got 0/);
  assert.throws(() => templateAt(Number.NaN), /but got NaN/);
});

test('five points round-trip through arrays in CelebA column order', () => {
  const arr = fivePointsToArray(TEMPLATE_128);
  assert.deepEqual(arr[0], TEMPLATE_128.leftEye);
  assert.deepEqual(arr[4], TEMPLATE_128.rightMouth);
  assert.deepEqual(fivePointsFromArray(arr), TEMPLATE_128);
  assert.throws(() => fivePointsFromArray(arr.slice(1)), /expected 5 points, but got 4/);
});
