import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSse } from './jobEvents.ts';

test('one event: id, name, JSON on one data line, blank line; newlines in strings stay escaped', () => {
  assert.equal(formatSse('progress', { a: 'x\ny' }, 3), 'id: 3\nevent: progress\ndata: {"a":"x\\ny"}\n\n');
  assert.equal(formatSse('end', null), 'event: end\ndata: null\n\n');
});
