import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { resolveAppOptions } from './resolveAppOptions.ts';
import { DEFAULT_UPLOAD_LIMITS } from './constants.ts';

test('defaults are filled on a copy and directories become absolute', () => {
  const given = { modelsDir: 'm', uploads: { maxFiles: 2 } };
  const resolved = resolveAppOptions(given);
  assert.equal(resolved.modelsDir, path.resolve('m'));
  assert.equal(resolved.uploads.maxFiles, 2);
  assert.equal(resolved.uploads.maxPixels, DEFAULT_UPLOAD_LIMITS.maxPixels);
  assert.ok(resolved.pool.size >= 1, 'pool size 0 means one worker per core');
  assert.deepEqual(given, { modelsDir: 'm', uploads: { maxFiles: 2 } }, 'caller options untouched');
});

test('bad limits are named in the error', () => {
  assert.throws(() => resolveAppOptions({ uploads: { maxPixels: -5 } }), /uploads\.maxPixels: expected a positive integer, but got -5/);
  assert.throws(() => resolveAppOptions({ pool: { queueLimit: Number.NaN } }), /pool\.queueLimit/);
});
