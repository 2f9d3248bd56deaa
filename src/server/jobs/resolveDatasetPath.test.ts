import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDatasetPath } from './resolveDatasetPath.ts';

test('paths resolve inside the root and never outside it', (t) => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'datasets-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'synth'));
  assert.equal(resolveDatasetPath(root, 'synth'), path.join(root, 'synth'));
  assert.equal(resolveDatasetPath(root, path.join(root, 'synth')), path.join(root, 'synth'));
  assert.throws(() => resolveDatasetPath(root, '../etc'), /expected a directory inside the datasets root/);
  assert.throws(() => resolveDatasetPath(root, '/etc'), /expected a directory inside the datasets root/);
  assert.throws(() => resolveDatasetPath(root, 'missing'), /"missing" does not exist/);
});
