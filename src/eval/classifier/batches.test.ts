import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factorHeads, factorLabels } from './batches.ts';
import type { FactorTable } from '../readFactors.ts';

const table: FactorTable = {
  file: 'factors.csv',
  columns: ['light', 'glasses_type'],
  rows: new Map([
    ['1.jpg', ['left', 'round']],
    ['2.jpg', ['right', 'aviator']],
    ['3.jpg', ['front', 'round']],
  ]),
};
const ids = ['1.jpg', '2.jpg', '3.jpg'];

test('factorLabels: a mirrored image swaps chiral values (light left <-> right) and keeps the others', () => {
  const heads = factorHeads(table, ids);
  assert.deepEqual(heads.map((h) => h.labels), [['front', 'left', 'right'], ['aviator', 'round']]);
  const upright = factorLabels(table, heads, ids);
  const mirrored = factorLabels(table, heads, ids, true);
  assert.deepEqual([...upright.light], [1, 2, 0]);
  assert.deepEqual([...mirrored.light], [2, 1, 0]);
  assert.deepEqual([...mirrored.glasses_type], [...upright.glasses_type]);
});
