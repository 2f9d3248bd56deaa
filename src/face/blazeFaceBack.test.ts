import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ssdAnchors } from './blazeFaceBack.ts';
import { BLAZEFACE_BACK } from './constants.ts';

test('256 px back model: 512 stride-16 anchors then 384 stride-32 anchors (896 in all)', () => {
  const anchors = ssdAnchors(BLAZEFACE_BACK.inputSize, BLAZEFACE_BACK.strides);
  assert.equal(anchors.length, 896);
  // Two anchors per 16x16 cell, same centre, row-major.
  assert.deepEqual(anchors[0], { xCenter: 0.5 / 16, yCenter: 0.5 / 16, width: 1, height: 1 });
  assert.equal(anchors[1].xCenter, anchors[0].xCenter);
  assert.equal(anchors[2].xCenter, 1.5 / 16);
  assert.equal(anchors[511].yCenter, 15.5 / 16);
  // Six anchors per 8x8 cell after that.
  assert.deepEqual(anchors[512], { xCenter: 0.5 / 8, yCenter: 0.5 / 8, width: 1, height: 1 });
  assert.equal(anchors[517].xCenter, 0.5 / 8);
  assert.equal(anchors[518].xCenter, 1.5 / 8);
  assert.equal(anchors[895].xCenter, 7.5 / 8);
});

test('128 px short model layout (strides 8,16,16,16) also gives 896', () => {
  assert.equal(ssdAnchors(128, [8, 16, 16, 16]).length, 896);
});
