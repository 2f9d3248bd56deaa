import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { createGenegan } from './createGenegan.ts';
import { DEFAULT_ENGINE, ENGINE_ENV } from '../quant/types.ts';
import { loadModel, resolveEngine } from './loadModel.ts';
import { saveModel } from './saveModel.ts';
import { swap } from './operations.ts';
import { maxAbsDiff, randomImages, testBackend, tinyModel } from '../../test/helpers/model.ts';

await testBackend();

async function savedTiny(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'genegan-model-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const model = tinyModel(3);
  // Move the BN moving stats off their initial values so the round trip is checked on them too.
  const mean = model.entries().find((e) => e.name === 'decoder/deconv1/bn/moving_mean')!.variable;
  mean.assign(tf.fill(mean.shape, 0.3));
  const dir = path.join(root, 'm');
  await saveModel(dir, model, { attribute: 'Eyeglasses', recipe: 'fast', iterations: 7 });
  model.dispose();
  return dir;
}

test('saveModel + loadModel round trip: generator only, same outputs, manifest fields', async (t) => {
  const dir = await savedTiny(t);
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.formatVersion, 1);
  assert.equal(manifest.attribute, 'Eyeglasses');
  assert.equal(manifest.iterations, 7);
  assert.equal(manifest.quantization, null);
  assert.ok(manifest.weightsManifest[0].weights.every((w: { name: string }) => !w.name.startsWith('critic')));
  const original = tinyModel(3);
  const mean = original.entries().find((e) => e.name === 'decoder/deconv1/bn/moving_mean')!.variable;
  mean.assign(tf.fill(mean.shape, 0.3));
  const { model } = await loadModel(dir);
  assert.ok(model.entries().every((e) => e.group === 'generator'), 'no critic variables');
  const au = randomImages(2, 1);
  const b0 = randomImages(2, 2);
  const a = swap(original, au, b0);
  const b = swap(model, au, b0);
  assert.equal(maxAbsDiff(a.bu, b.bu), 0);
  assert.equal(maxAbsDiff(a.a0, b.a0), 0);
  tf.dispose([au, b0, a.a0, a.bu, b.a0, b.bu]);
  original.dispose();
  model.dispose();
});

test('a corrupt or incompatible model directory gives a clear error naming the file', async (t) => {
  const dir = await savedTiny(t);
  const manifestFile = path.join(dir, 'manifest.json');
  const good = await readFile(manifestFile, 'utf8');
  const before = tf.memory().numTensors;
  const expectError = async (pattern: RegExp) => assert.rejects(loadModel(dir), pattern);

  await writeFile(manifestFile, good.slice(0, 100));
  await expectError(/manifest\.json: not valid JSON/);
  await writeFile(manifestFile, good.replace('"formatVersion": 1', '"formatVersion": 99'));
  await expectError(/manifest\.json: formatVersion: expected 1, but got 99/);
  await writeFile(manifestFile, good.replace('"width": 8', '"width": 16'));
  await expectError(/weights\.bin: expected \d+ bytes for \d+ weights listed in .*manifest\.json, but the file has \d+|weight "encoder\/conv1\/kernel": expected shape/);
  await writeFile(manifestFile, good.replace('"imageSize": 64,\n    "width"', '"imageSize": 32,\n    "width"'));
  await expectError(/config\.imageSize|imageSize: expected one of 64\|128, but got 32/);
  await writeFile(manifestFile, good.replace('"name": "encoder/conv1/kernel"', '"name": "encoder/conv9/kernel"'));
  await expectError(/unexpected weights "encoder\/conv9\/kernel"/);
  await writeFile(manifestFile, good);
  await truncate(path.join(dir, 'weights.bin'), 1000);
  await expectError(/weights\.bin: expected \d+ bytes .* but the file has 1000/);
  await rm(path.join(dir, 'weights.bin'));
  await expectError(/weights\.bin: missing weights file \(listed in .*manifest\.json\)/);
  await rm(manifestFile);
  await expectError(/not a model directory \(missing manifest\.json\)/);
  assert.equal(tf.memory().numTensors, before);
});

test('createGenegan without critics has only generator variables', () => {
  const model = createGenegan({ imageSize: 64, width: 4, objectRatio: 0.25 }, { critics: false });
  assert.ok(model.entries().every((e) => e.group === 'generator'));
  model.dispose();
});

const savedEngine = process.env[ENGINE_ENV];
afterEach(() => {
  if (savedEngine === undefined) delete process.env[ENGINE_ENV];
  else process.env[ENGINE_ENV] = savedEngine;
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
