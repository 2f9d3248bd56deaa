import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ENGINE, ENGINE_ENV } from './constants.ts';
import { resolveEngine } from './resolveEngine.ts';

const saved = process.env[ENGINE_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[ENGINE_ENV];
  else process.env[ENGINE_ENV] = saved;
});

test('engine precedence: explicit, then GENEGAN_QUANT_ENGINE, then the manifest, then the default', () => {
  delete process.env[ENGINE_ENV];
  assert.equal(resolveEngine(), DEFAULT_ENGINE);
  assert.equal(resolveEngine(undefined, 'float'), 'float');
  process.env[ENGINE_ENV] = 'lowbit';
  assert.equal(resolveEngine(undefined, 'float'), 'lowbit');
  assert.equal(resolveEngine('float', 'lowbit'), 'float');
});

test('unknown engine names are clear errors naming their source', () => {
  process.env[ENGINE_ENV] = 'int8';
  assert.throws(() => resolveEngine(), /GENEGAN_QUANT_ENGINE: expected one of float\|lowbit, but got "int8"/);
  delete process.env[ENGINE_ENV];
  assert.throws(() => resolveEngine(undefined, 3), /manifest quantization\.engine: expected one of float\|lowbit, but got 3/);
});
