import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { inInferenceModel } from '../model/variables.ts';
import { presetConfig } from '../model/presets.ts';
import { saveModel } from '../model/saveModel.ts';
import { testBackend, tinyModel } from '../../test/helpers/model.ts';
import { createArrayDataset } from '../../test/helpers/createArrayDataset.ts';
import { drawToyFaces } from '../../test/helpers/drawToyFaces.ts';
import { initFromModel } from './initFromModel.ts';
import { readLossLog } from './lossLog.ts';
import { recipeByName } from './recipes.ts';
import { train } from './train.ts';

await testBackend();

const SAVED_ITERATIONS = 7;
const TOY_COUNT = 8;

async function savedModel(t: { after(fn: () => Promise<void>): void }): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'genegan-init-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = path.join(root, 'model');
  const model = tinyModel(5);
  await saveModel(dir, model, { iterations: SAVED_ITERATIONS });
  model.dispose();
  return { root, dir };
}

/** Inference variables of a model as plain arrays, by stable name. */
function generatorValues(model: ReturnType<typeof tinyModel>): Map<string, Float32Array> {
  return new Map(model.entries().filter(inInferenceModel).map((e) => [e.name, e.variable.dataSync() as Float32Array]));
}

test('initFromModel copies every generator variable and returns the saved iteration count, without leaking tensors', async (t) => {
  const { dir } = await savedModel(t);
  const source = tinyModel(5);
  const target = tinyModel(9);
  const before = tf.memory().numTensors;
  const want = generatorValues(source);
  assert.notDeepEqual(generatorValues(target).get('encoder/conv1/kernel'), want.get('encoder/conv1/kernel'));
  assert.equal(await initFromModel(target, dir), SAVED_ITERATIONS);
  assert.deepEqual(generatorValues(target), want);
  assert.equal(tf.memory().numTensors, before);
  source.dispose();
  target.dispose();
});

test('train with initFrom continues the iteration count from the model and writes it to the new model', async (t) => {
  const { root, dir } = await savedModel(t);
  const before = tf.memory().numTensors;
  const images = { with: drawToyFaces(TOY_COUNT, 64, true, 1), without: drawToyFaces(TOY_COUNT, 64, false, 2) };
  const base = { model: presetConfig('tiny'), recipe: recipeByName('fast'), batchSize: 2, seed: 4, checkpointEvery: 100, sampleEvery: 100, initFrom: dir };
  const runDir = path.join(root, 'run');
  const out = path.join(root, 'out');
  const result = await train({ ...base, dataset: createArrayDataset(images, 3), runDir, outDir: out, iterations: SAVED_ITERATIONS + 1 });
  assert.equal(result.iterations, SAVED_ITERATIONS + 1);
  assert.deepEqual(readLossLog(path.join(runDir, 'losses.jsonl')).map((l) => l.iteration), [SAVED_ITERATIONS + 1]);
  assert.equal(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')).iterations, SAVED_ITERATIONS + 1);
  await assert.rejects(
    train({ ...base, dataset: createArrayDataset(images, 3), runDir: path.join(root, 'run2'), iterations: SAVED_ITERATIONS }),
    /already at iteration 7; pass --iterations above 7/,
  );
  tf.dispose([images.with, images.without]);
  assert.equal(tf.memory().numTensors, before);
});

test('initFromModel refuses a different network size, and a packed model whose packed files are missing, naming the file and field', async (t) => {
  const { dir } = await savedModel(t);
  const wider = tinyModel(1, { width: 16 });
  await assert.rejects(initFromModel(wider, dir), /manifest\.json: config\.width: expected 16 \(this run's preset\), but got 8/);
  wider.dispose();
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  manifest.quantization = { method: 'balanced', wbits: 4, abits: 4, floatFirstLast: true, packed: true };
  await writeFile(file, JSON.stringify(manifest));
  const model = tinyModel(1);
  // A packed model starts from its dequantized kernels (docs/bundled-models.md), read from packed.json.
  await assert.rejects(initFromModel(model, dir), /packed\.json: expected a packed-generator file, but it does not exist/);
  model.dispose();
});
