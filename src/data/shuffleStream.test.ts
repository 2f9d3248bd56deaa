import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShuffleStream } from './shuffleStream.ts';

const takeN = (s: ShuffleStream, n: number): number[] => Array.from({ length: n }, () => s.take().item);

test('each epoch is a permutation, and epochs differ', () => {
  const s = new ShuffleStream(50, 9);
  const e0 = takeN(s, 50);
  const e1 = takeN(s, 50);
  assert.deepEqual([...e0].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual([...e1].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(e0, e1);
  assert.deepEqual(s.state(), { epoch: 2, position: 0 });
});

test('restore resumes the exact sequence, across an epoch boundary', () => {
  const a = new ShuffleStream(7, 3);
  takeN(a, 5);
  const saved = a.state();
  const expected = takeN(a, 12);
  const b = new ShuffleStream(7, 3);
  b.restore(saved);
  assert.deepEqual(takeN(b, 12), expected);
});

test('peek shows what take will return without moving', () => {
  const s = new ShuffleStream(5, 1);
  takeN(s, 3);
  const peeked = s.peek(6);
  assert.deepEqual(s.state(), { epoch: 0, position: 3 });
  assert.deepEqual(takeN(s, 6), peeked);
});

test('bad sizes and states are clear errors', () => {
  assert.throws(() => new ShuffleStream(0, 1), /positive size/);
  const s = new ShuffleStream(4, 1);
  assert.throws(() => s.restore({ epoch: 0, position: 4 }), /0 <= position < 4/);
  assert.throws(() => s.restore({ epoch: -1, position: 0 }), /epoch >= 0/);
});
