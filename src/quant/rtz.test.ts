import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roundHalfEven, rtz } from './rtz.ts';

test('rtz rounds half toward zero (spec step 3) and other values to nearest', () => {
  const cases: Array<[number, number]> = [
    [0.5, 0], [-0.5, 0], [1.5, 1], [-1.5, -1], [2.5, 2], [-2.5, -2],
    [0.49, 0], [0.51, 1], [-0.51, -1], [2.7, 3], [-2.7, -3], [3, 3], [0, 0],
  ];
  for (const [x, want] of cases) assert.equal(rtz(x), want, `rtz(${x})`);
  assert.ok(Object.is(rtz(-0.4), 0), 'returns +0, not -0');
});

test('roundHalfEven matches TensorFlow round on ties', () => {
  const cases: Array<[number, number]> = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [1.2, 1], [1.7, 2]];
  for (const [x, want] of cases) assert.equal(roundHalfEven(x) + 0, want + 0, `roundHalfEven(${x})`);
});
