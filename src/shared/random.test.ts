import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, hashSeed, hashString, mulberry32, seededGaussian } from './random.ts';

test('createRandom: same seed, same sequence; different seeds differ', () => {
  const a = createRandom(42);
  const b = createRandom(42);
  const c = createRandom(43);
  const seqA = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(seqA, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(seqA, Array.from({ length: 5 }, () => c.next()));
  for (const v of seqA) assert.ok(v >= 0 && v < 1);
});

test('createRandom: chance(p) hits about p of the time, int(n) covers 0..n-1', () => {
  const rng = createRandom(1);
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

test('the streams are pinned: initial weights, synthetic faces and tables depend on these numbers', () => {
  // Values of the three generators this module replaced (weight init, data, quantizer tests).
  const r = createRandom(7);
  assert.deepEqual(
    [r.next(), r.uniform(), r.normal(), r.clippedNormal(1, 2), r.state()],
    [0.011704753153026104, 0.06195825757458806, -0.8642530248729361, -0.8918979208905771, 2399460293],
  );
  assert.equal(mulberry32(7)(), 0.011704753153026104);
  assert.deepEqual([...seededGaussian(3, 7, 0.02)], [0.05518746003508568, 0.022639622911810875, -0.0013610271271318197]);
  assert.equal(createRandom(7).uniform(0, 1), createRandom(7).next(), 'uniform() is next() exactly');
  assert.throws(() => createRandom(1.5), /seed: expected an integer, but got 1.5/);
});
