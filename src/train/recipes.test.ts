import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learningRateScale, recipeByName } from './recipes.ts';

test('learningRateScale: 1 without a decay; linear from 1 at `from` to 0 at `to`, 0 after', () => {
  const constant = recipeByName('fast');
  assert.deepEqual([0, 500, 1e6].map((i) => learningRateScale(constant, i)), [1, 1, 1]);
  const decaying = recipeByName('fast', { learningRateDecay: { from: 10, to: 20 } });
  assert.deepEqual([0, 9, 10, 15, 19, 20, 25].map((i) => learningRateScale(decaying, i)), [1, 1, 1, 0.5, 0.1, 0, 0]);
});

test('recipeByName: overrides land on a copy; an unknown name lists the known ones', () => {
  const a = recipeByName('fast', { learningRateDecay: { from: 1, to: 2 } });
  assert.equal(recipeByName('fast').learningRateDecay, undefined);
  a.weights.nulling = 7;
  assert.equal(recipeByName('fast').weights.nulling, 1);
  assert.throws(() => recipeByName('slow'), /expected one of paper\|fast, but got "slow"/);
});
