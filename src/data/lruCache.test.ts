import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache } from './lruCache.ts';

test('keeps at most capacity entries, evicting the least recently used', () => {
  const c = new LruCache<string, number>(2);
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1); // a is now the most recent
  c.set('c', 3);
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a'), 1);
  assert.equal(c.get('c'), 3);
  assert.equal(c.size, 2);
});

test('capacity 0 stores nothing; negative capacity is an error', () => {
  const c = new LruCache<string, number>(0);
  c.set('a', 1);
  assert.equal(c.get('a'), undefined);
  assert.throws(() => new LruCache(-1), /capacity >= 0/);
});
