import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, hashSeed, hashString } from './random.ts';

test('createRng: same seed, same sequence; different seeds differ', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const seqA = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(seqA, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(seqA, Array.from({ length: 5 }, () => c.next()));
  for (const v of seqA) assert.ok(v >= 0 && v < 1);
});

test('createRng: chance(p) hits about p of the time, int(n) covers 0..n-1', () => {
  const rng = createRng(1);
  let hits = 0;
  const seen = new Set<number>();
  for (let i = 0; i < 4000; i++) {
    if (rng.chance(0.3)) hits++;
    seen.add(rng.int(5));
  }
  assert.ok(Math.abs(hits / 4000 - 0.3) < 0.03, `chance(0.3) gave ${hits / 4000}`);
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
});

test('hashSeed and hashString depend on every part and on order', () => {
  assert.notEqual(hashSeed(1, 2), hashSeed(2, 1));
  assert.notEqual(hashSeed(1, 2, 3), hashSeed(1, 2, 4));
  assert.equal(hashSeed(5, 6), hashSeed(5, 6));
  assert.notEqual(hashString('a.jpg'), hashString('b.jpg'));
});
