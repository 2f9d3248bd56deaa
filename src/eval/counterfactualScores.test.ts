import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { openDataset } from '../data/openDataset.ts';
import { renderCounterfactual } from '../data/synth/counterfactual.ts';
import { readFaceFactors } from '../data/synth/factorsCsv.ts';
import { writeSynthDataset } from '../data/synth/writeSynthDataset.ts';
import { applyChange, measureChange, resizeMapping } from '../face/composite.ts';
import { CHANGE_MASK } from '../face/constants.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { presetConfig } from '../model/presets.ts';
import { createRandom } from '../shared/random.ts';
import { rasterPsnr, ResidualPlan } from './composites.ts';
import { CounterfactualScores, counterfactualInputs, prepareCounterfactuals } from './counterfactualScores.ts';
import { generateFour, pairBatches } from './pairs.ts';
import type { AttributeJudge } from './types.ts';

let work = '';

before(async () => {
  await selectBackend({ log: () => {} });
  work = await mkdtemp(path.join(tmpdir(), 'genegan-cf-eval-'));
  await writeSynthDataset({ out: path.join(work, 'synth'), count: 40, size: 64, seed: 7 });
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

test('ResidualPlan gives applyChange\'s bytes, for any target size', () => {
  const random = createRandom(3);
  const field = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * random.uniform());
  for (const [width, height] of [[256, 256], [90, 70]]) {
    const generated = { data: field(64 * 64 * 3, 1), width: 64, height: 64, channels: 3 };
    const reconstruction = { data: generated.data.map((v, i) => (i % 97 < 30 ? v - 0.3 * random.uniform() : v)), width: 64, height: 64, channels: 3 };
    const change = measureChange(generated, reconstruction, { sigma: 1, low: 0.02, high: 0.1, feather: 1, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 });
    const target = { data: Uint8Array.from({ length: width * height * 3 }, () => Math.floor(256 * random.uniform())), width, height, channels: 3 as const };
    const expected = applyChange(target, change, resizeMapping(width, height, 64));
    const plan = new ResidualPlan(width, height, 64);
    // consistentLow 1 and consistentHigh 2: the plain change (the sweep's alternatives)
    const got = plan.compose(target, plan.upsample(change.mask.data, 1), plan.upsample(change.delta.data, 3));
    assert.deepEqual(got.data, expected.data, `${width}x${height}`);
    assert.notDeepEqual(got.data, target.data, 'the change was applied somewhere');
  }
});

/** A judge that reads every image as "with" (P = 0.9): transfer is then 100% for Bu and 0% for A0. */
const alwaysWith: AttributeJudge = { probabilityWith: (images: Tensor4D) => tf.fill([images.shape[0]], 0.9) as tf.Tensor1D };

test('counterfactual scores: truths of the right pairs, both composites, both sizes, no tensor leak', async () => {
  const data = path.join(work, 'synth');
  const notes: string[] = [];
  const ctx = await prepareCounterfactuals(data, 'eyeglasses', 64, 2, notes);
  assert.ok(ctx && ctx.attribute === 'Eyeglasses');
  assert.deepEqual(notes, []);
  assert.equal(await prepareCounterfactuals(data, 'Blond_Hair', 64, 2, notes), null);
  assert.match(notes[0], /Eyeglasses, Smiling, Bangs and Side_Lit only, not Blond_Hair/);

  const before = tf.memory().numTensors;
  const model = createGenegan(presetConfig('tiny'), { critics: false, seed: 5 });
  const dataset = await openDataset(data, { attribute: 'Eyeglasses', imageSize: 64, split: 'train', prefetch: 0 });
  // low above any change: the mask is empty, so residual returns the inputs themselves
  const untouched = new CounterfactualScores(ctx, { sigma: 1, low: 2, high: 3, feather: 1, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 });
  // every change let through: a random-weight tiny model's output is nearly constant, so its
  // change (output minus reconstruction) is below half a level and residual still returns B
  const standard = new CounterfactualScores(ctx, { sigma: 0, low: 0, high: 1e-4, feather: 0, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 });
  const expected: number[] = [];
  for await (const pair of pairBatches(dataset, 3, 3)) {
    const four = generateFour(model, pair.au, pair.b0);
    const inputs = await counterfactualInputs(pair, ctx);
    await untouched.add(model, pair, four, inputs, alwaysWith);
    await standard.add(model, pair, four, inputs, null);
    inputs.dispose();
    tf.dispose(Object.values(four));
    // the same pairs drawn again, independently: PSNR of B itself against the true Bu at 128 px
    const faces = await readFaceFactors(path.join(data, 'factors.csv'));
    for (const [i, id] of pair.auIds.entries()) {
      const drawn = await renderCounterfactual('Eyeglasses', faces.get(id)!, faces.get(pair.b0Ids[i])!, 128);
      expected.push(rasterPsnr(drawn.b, drawn.bu));
    }
  }
  await dataset.close();
  model.dispose();
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');

  const s = untouched.summary();
  assert.deepEqual(s.rows.map((r) => `${r.composite}@${r.size}`), ['residual@64', 'replace@64', 'residual@128', 'replace@128']);
  const cell = (m: typeof s, composite: string, size: number) => m.rows.find((r) => r.composite === composite && r.size === size)!;
  const mean = expected.reduce((a, b) => a + b, 0) / expected.length;
  assert.ok(Math.abs(cell(s, 'residual', 128).bu.psnr.mean - mean) < 1e-3, `an empty mask leaves B as it is: ${cell(s, 'residual', 128).bu.psnr.mean} vs ${mean}`);
  assert.ok(Number.isFinite(mean) && mean < 60, 'B differs from the true Bu (the glasses)');
  for (const r of s.rows) {
    assert.equal(r.bu.psnr.n, 3);
    assert.ok(r.bu.ssim.mean > -1 && r.bu.ssim.mean <= 1 && r.a0.psnr.mean > 0 && r.a0.psnr.mean < 100);
    assert.deepEqual(r.transfer, { buWith: 1, a0Without: 0, mean: 0.5, pairs: 3 });
  }
  const t = standard.summary();
  assert.deepEqual({ ...cell(t, 'replace', 128), transfer: null }, { ...cell(s, 'replace', 128), transfer: null }, 'the mask does not touch replace');
  assert.ok(Math.abs(cell(t, 'residual', 128).bu.psnr.mean - mean) < 1e-3, 'no change to let through: B itself');
  assert.ok(cell(t, 'replace', 128).bu.psnr.mean < mean - 3, "replace is the model's (flat) picture, far from the truth");
  assert.equal(t.rows[0].transfer, null, 'no judge, no transfer');
  assert.deepEqual(new CounterfactualScores(ctx).summary().changeMask, { ...CHANGE_MASK }, 'the constants by default');
});
