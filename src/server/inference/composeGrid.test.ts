import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeGrid } from './composeGrid.ts';

const cell = (v: number) => ({ data: new Uint8Array(2 * 2 * 3).fill(v), width: 2, height: 2 });

test('cells land row-major with 2 px white gaps', () => {
  const grid = composeGrid([cell(10), cell(20), cell(30), cell(40)], 2);
  assert.deepEqual([grid.width, grid.height], [6, 6]);
  const at = (x: number, y: number) => grid.data[(y * grid.width + x) * 3];
  assert.equal(at(0, 0), 10);
  assert.equal(at(5, 0), 20);
  assert.equal(at(0, 5), 30);
  assert.equal(at(5, 5), 40);
  assert.equal(at(2, 0), 255, 'gap column');
});

test('a wrong cell count is an error', () => {
  assert.throws(() => composeGrid([cell(1)], 2), /expected 4 cells, but got 1/);
});
