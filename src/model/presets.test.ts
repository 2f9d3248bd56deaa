import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS, presetConfig } from './presets.ts';
import { validateConfig } from './validateConfig.ts';

test('every preset is a valid config; presetConfig hands out copies', () => {
  for (const name of Object.keys(PRESETS)) {
    const { imageSize, width, objectRatio } = validateConfig(presetConfig(name));
    assert.deepEqual({ imageSize, width, objectRatio }, PRESETS[name as keyof typeof PRESETS], name);
  }
  const a = presetConfig('wide64');
  a.width = 1;
  assert.equal(presetConfig('wide64').width, 64);
});

test('wide64 sits between compact64 and paper64 at 64 px: twice and half their widths', () => {
  const [compact, wide, paper] = ['compact64', 'wide64', 'paper64'].map(presetConfig);
  assert.deepEqual([compact.imageSize, wide.imageSize, paper.imageSize], [64, 64, 64]);
  assert.equal(wide.width, 2 * compact.width);
  assert.equal(paper.width, 2 * wide.width);
});

test('an unknown preset is a clear error that lists the known ones', () => {
  assert.throws(() => presetConfig('huge'), /expected one of paper64\|paper128\|wide64\|compact64\|compact128\|tiny, but got "huge"/);
});
