import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createModelRegistry } from './createModelRegistry.ts';
import { saveTinyModel, tempDir } from '../../../test/support/tinyModel.ts';
import type { HttpError } from '../httpError.ts';

test('models from several roots; broken manifests become problems; duplicates are refused; rescan sees new models', async (t) => {
  const bundled = await saveTinyModel(tempDir(t), 'a-model');
  const trained = tempDir(t);
  mkdirSync(path.join(bundled, 'broken'));
  writeFileSync(path.join(bundled, 'broken', 'manifest.json'), JSON.stringify({ kind: 'genegan-model', formatVersion: 99 }));
  mkdirSync(path.join(bundled, 'not-a-model'));
  const registry = await createModelRegistry([{ dir: bundled, source: 'bundled' }, { dir: trained, source: 'trained' }, { dir: path.join(trained, 'absent'), source: 'trained' }]);
  assert.deepEqual(registry.list().map((m) => m.id), ['a-model']);
  assert.equal(registry.problems().length, 1);
  assert.match(registry.problems()[0].message, /formatVersion: expected 1, but got 99/);
  assert.equal(registry.get().id, 'a-model', 'the first model is the default');
  assert.throws(() => registry.get('zzz'), (e: HttpError) => e.statusCode === 404 && /expected one of a-model, but got "zzz"/.test(e.message));

  await saveTinyModel(trained, 'b-model');
  await saveTinyModel(trained, 'a-model');
  await registry.rescan();
  assert.deepEqual(registry.list().map((m) => [m.id, m.source]), [['a-model', 'bundled'], ['b-model', 'trained']]);
  assert.ok(registry.problems().some((p) => /model id "a-model" is already used/.test(p.message)));
});

test('an empty registry says how to get a model', async () => {
  const registry = await createModelRegistry([]);
  assert.throws(() => registry.get(), (e: HttpError) => e.statusCode === 404 && e.code === 'no_models' && /POST \/v1\/jobs/.test(e.message));
});
