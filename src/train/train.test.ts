import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { presetConfig } from '../model/presets.ts';
import { readWeights } from '../model/weightsIo.ts';
import { testBackend } from '../../test/helpers/model.ts';
import { checkpointModel } from './checkpoint.ts';
import { createArrayDataset } from '../../test/helpers/createArrayDataset.ts';
import { drawToyFaces } from '../../test/helpers/drawToyFaces.ts';
import { readLossLog } from './lossLog.ts';
import { recipeByName } from './recipes.ts';
import { train } from './train.ts';
import type { TrainConfig } from './types.ts';

await testBackend();

const TOY_COUNT = 16;
const toy = () => ({ with: drawToyFaces(TOY_COUNT, 64, true, 1), without: drawToyFaces(TOY_COUNT, 64, false, 2) });

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'genegan-train-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every tensor of a checkpoint by name, as plain arrays. */
async function checkpointValues(runDir: string, iteration: number): Promise<Map<string, Float32Array>> {
  const dir = path.join(runDir, 'checkpoints', `ckpt-${String(iteration).padStart(8, '0')}`);
  const meta = JSON.parse(await readFile(path.join(dir, 'checkpoint.json'), 'utf8'));
  const tensors = await readWeights(dir, meta.weightsManifest, 'checkpoint.json');
  const out = new Map(Object.entries(tensors).map(([k, v]) => [k, v.dataSync() as Float32Array]));
  tf.dispose(Object.values(tensors));
  return out;
}

function baseConfig(images: ReturnType<typeof toy>, runDir: string, extra: Partial<TrainConfig> = {}): TrainConfig {
  return {
    model: presetConfig('tiny'),
    recipe: recipeByName('fast'),
    dataset: createArrayDataset(images, 3),
    runDir,
    iterations: 6,
    batchSize: 2,
    seed: 4,
    checkpointEvery: 3,
    sampleEvery: 100,
    keep: 2,
    ...extra,
  };
}

test('stopped (signal) and resumed runs equal an uninterrupted one: same weights, optimiser and BN state, same losses', async (t) => {
  const root = await tempDir(t);
  const images = toy();
  const before = tf.memory().numTensors;
  const straight = path.join(root, 'straight');
  await train(baseConfig(images, straight));
  // Stop after iteration 2 (not a checkpoint boundary): the trainer writes a final checkpoint there.
  const split = path.join(root, 'split');
  const abort = new AbortController();
  const first = await train(baseConfig(images, split, { signal: abort.signal, onIteration: (i) => i.iteration === 2 && abort.abort() }));
  assert.equal(first.stoppedEarly, true);
  assert.equal(first.iterations, 2);
  const resumed = await train(baseConfig(images, split, { resume: true }));
  assert.equal(resumed.iterations, 6);
  const [a, b] = [await checkpointValues(straight, 6), await checkpointValues(split, 6)];
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  assert.ok([...a.keys()].some((k) => k.startsWith('optimizer_g/')) && a.has('critic_u/conv1/sn_u') && a.has('decoder/deconv1/bn/updates'));
  for (const [name, values] of a) {
    const other = b.get(name) as Float32Array;
    const worst = values.reduce((m, v, i) => Math.max(m, Math.abs(v - other[i])), 0);
    assert.ok(worst <= 1e-6, `${name}: max difference ${worst}`);
  }
  const losses = (dir: string) => readLossLog(path.join(dir, 'losses.jsonl')).map((l) => [l.iteration, l.generator.total, l.critic.total]);
  assert.deepEqual(losses(split), losses(straight));
  // keep = 2: only the newest two checkpoints remain.
  assert.deepEqual(await readdir(path.join(straight, 'checkpoints')), ['ckpt-00000003', 'ckpt-00000006']);
  // checkpointModel: the same variables, without the optimisers.
  const { model, meta } = await checkpointModel(path.join(straight, 'checkpoints', 'ckpt-00000006'));
  assert.equal(meta.iteration, 6);
  for (const e of model.entries()) assert.deepEqual([...e.variable.dataSync()], [...(a.get(e.name) as Float32Array)], e.name);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([images.with, images.without]);
});

test('learningRateDecay reaches both optimisers: no trainable weight moves on the update whose scale is 0', async (t) => {
  const root = await tempDir(t);
  const images = toy();
  const recipe = recipeByName('fast', { learningRateDecay: { from: 2, to: 3 } }); // scales 1, 1, 1, 0
  await train(baseConfig(images, root, { recipe, iterations: 4, checkpointEvery: 1, keep: 4 }));
  const trainable = async (iteration: number) => {
    const { model } = await checkpointModel(path.join(root, 'checkpoints', `ckpt-${String(iteration).padStart(8, '0')}`));
    const out = new Map(model.entries().filter((e) => e.role === 'trainable').map((e) => [`${e.group}:${e.name}`, [...e.variable.dataSync()]]));
    model.dispose();
    return out;
  };
  const [w2, w3, w4] = [await trainable(2), await trainable(3), await trainable(4)];
  assert.ok([...w3.keys()].some((k) => k.startsWith('generator:')) && [...w3.keys()].some((k) => k.startsWith('critic:')));
  for (const [name, values] of w3) {
    assert.deepEqual(w4.get(name), values, `${name} moved at scale 0`);
  }
  assert.ok([...w3].some(([name, values]) => name.startsWith('generator:') && values.some((v, i) => v !== w2.get(name)?.[i])), 'generator moved at scale 1');
  assert.ok([...w3].some(([name, values]) => name.startsWith('critic:') && values.some((v, i) => v !== w2.get(name)?.[i])), 'critic moved at scale 1');
  tf.dispose([images.with, images.without]);
});

test('a run directory with checkpoints needs --resume; resuming with another config is a clear error', async (t) => {
  const root = await tempDir(t);
  const images = toy();
  await train(baseConfig(images, root, { iterations: 1 }));
  await assert.rejects(train(baseConfig(images, root, { iterations: 2 })), /already holds checkpoints .* pass --resume/);
  await assert.rejects(train(baseConfig(images, root, { iterations: 2, resume: true, model: { ...presetConfig('tiny'), width: 4 } })), /model config .* differs/);
  await assert.rejects(train(baseConfig(images, root, { iterations: 2, resume: true, batchSize: 3 })), /trained with batch 2, but this run asks for 3/);
  tf.dispose([images.with, images.without]);
});

test('paper recipe: critic bursts on fresh batches and WGAN clipping keeps every critic weight in [-0.01, 0.01]; samples and model written', async (t) => {
  const root = await tempDir(t);
  const images = toy();
  const recipe = recipeByName('paper', { criticSchedule: { steps: 1, burstEvery: 2, burstSteps: 3 } });
  const samples = { au: images.with.slice([0, 0, 0, 0], [2, -1, -1, -1]) as Tensor4D, b0: images.without.slice([0, 0, 0, 0], [2, -1, -1, -1]) as Tensor4D };
  const out = path.join(root, 'model');
  const result = await train(baseConfig(images, path.join(root, 'run'), { recipe, iterations: 3, sampleEvery: 3, samples, outDir: out, manifest: { attribute: 'Toy' } }));
  const lines = readLossLog(path.join(root, 'run', 'losses.jsonl'));
  assert.deepEqual(lines.map((l) => l.criticSteps), [3, 1, 3]);
  const values = await checkpointValues(path.join(root, 'run'), 3);
  for (const [name, v] of values) {
    if (!name.startsWith('critic_') || name.includes('moving_') || name.endsWith('/updates')) continue;
    assert.ok(v.every((x) => Math.abs(x) <= 0.01 + 1e-7), `${name} clipped`);
  }
  assert.deepEqual(await readdir(path.join(root, 'run', 'samples')), ['iter-0000003.png']);
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.iterations, 3);
  assert.equal(manifest.recipe, 'paper');
  assert.equal(manifest.attribute, 'Toy');
  assert.equal(manifest.backend, result.backend);
  tf.dispose([images.with, images.without, samples.au, samples.b0]);
});
