import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { changeMaskOf } from './changeMask.ts';
import { CHANGE_MASK } from '../face/constants.ts';

test('changeMaskOf: CHANGE_MASK, with a model\'s own settings on top', () => {
  assert.deepEqual(changeMaskOf({}), CHANGE_MASK);
  assert.deepEqual(changeMaskOf({ composite: { changeMask: { low: 0.01, high: 0.03 } } }), { ...CHANGE_MASK, low: 0.01, high: 0.03 });
});

test('changeMaskOf: a bad setting in a manifest is a clear error', () => {
  assert.throws(() => changeMaskOf({ composite: { changeMask: { lo: 0.1 } } }), /expected keys sigma, low, high, feather, eraseLow, eraseHigh, consistentLow, consistentHigh, but got "lo"/);
  assert.throws(() => changeMaskOf({ composite: { changeMask: { low: -1 } } }), /composite.changeMask.low: expected a number >= 0, but got -1/);
  assert.throws(() => changeMaskOf({ composite: { changeMask: { low: 0.5, high: 0.1 } } }), /expected low < high/);
  assert.throws(() => changeMaskOf({ composite: { changeMask: { consistentLow: 0.5, consistentHigh: 0.1 } } }), /consistentLow < consistentHigh/);
});

test('the bundled models carry valid settings', async () => {
  for (const slug of ['eyeglasses64', 'sidelit64', 'smiling64']) {
    const manifest = JSON.parse(await readFile(new URL(`../../models/${slug}/manifest.json`, import.meta.url), 'utf8'));
    const mask = changeMaskOf(manifest);
    assert.ok(mask.high > mask.low, slug);
  }
});
