import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hidePaths } from './hidePaths.ts';

test('absolute paths keep only their last component; other values are untouched', () => {
  assert.deepEqual(
    hidePaths({ data: { dir: '/srv/data/synth', layout: 'synthetic' }, list: ['/a/b/model', 'relative/x', 3, null], ok: true, root: '/' }),
    { data: { dir: 'synth', layout: 'synthetic' }, list: ['model', 'relative/x', 3, null], ok: true, root: '/' },
  );
});
