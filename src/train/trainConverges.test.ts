import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { presetConfig } from '../model/presets.ts';
import { testBackend } from '../../test/helpers/model.ts';
import { createArrayDataset } from '../../test/helpers/createArrayDataset.ts';
import { drawToyFaces } from '../../test/helpers/drawToyFaces.ts';
import { readLossLog, type LossLine } from './lossLog.ts';
import { recipeByName } from './recipes.ts';
import { train } from './train.ts';

await testBackend();

/** Iterations of the run and the window averaged at its start and end. */
const ITERATIONS = 100;
const WINDOW = 10;

test('a tiny model trained on a tiny synthetic set lowers the reconstruction and nulling terms', async (t) => {
  const runDir = await mkdtemp(path.join(tmpdir(), 'genegan-converge-'));
  t.after(() => rm(runDir, { recursive: true, force: true }));
  const images = { with: drawToyFaces(24, 64, true, 1), without: drawToyFaces(24, 64, false, 2) };
  await train({
    model: presetConfig('tiny'),
    recipe: recipeByName('fast'),
    dataset: createArrayDataset(images, 5),
    runDir,
    iterations: ITERATIONS,
    batchSize: 4,
    seed: 2,
    checkpointEvery: ITERATIONS,
  });
  tf.dispose([images.with, images.without]);
  const lines = readLossLog(path.join(runDir, 'losses.jsonl'));
  assert.equal(lines.length, ITERATIONS);
  const mean = (ls: LossLine[], f: (l: LossLine) => number) => ls.reduce((s, l) => s + f(l), 0) / ls.length;
  const rec = (l: LossLine) => l.generator.reconstructionAu + l.generator.reconstructionB0;
  const [recStart, recEnd] = [mean(lines.slice(0, WINDOW), rec), mean(lines.slice(-WINDOW), rec)];
  const [nullStart, nullEnd] = [mean(lines.slice(0, WINDOW), (l) => l.generator.nulling), mean(lines.slice(-WINDOW), (l) => l.generator.nulling)];
  t.diagnostic(`reconstruction ${recStart.toFixed(4)} -> ${recEnd.toFixed(4)}, nulling ${nullStart.toFixed(4)} -> ${nullEnd.toFixed(4)}`);
  assert.ok(recEnd < 0.75 * recStart, `reconstruction ${recStart.toFixed(4)} -> ${recEnd.toFixed(4)}`);
  assert.ok(nullEnd < 0.5 * nullStart, `nulling ${nullStart.toFixed(4)} -> ${nullEnd.toFixed(4)}`);
});
