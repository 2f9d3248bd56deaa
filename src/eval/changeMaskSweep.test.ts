import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { writeSynthDataset } from '../data/synth/writeSynthDataset.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { presetConfig } from '../model/presets.ts';
import { saveModel } from '../model/saveModel.ts';
import { rankMasks, sweepChangeMask, type SweepResult, type SweepScores } from './changeMaskSweep.ts';
import { createClassifier } from './classifier/network.ts';
import { saveClassifier } from './classifier/classifierFiles.ts';

const scores = (buPsnr: number, a0Psnr: number, buWith: number, a0Without: number): SweepScores => ({
  buPsnr, a0Psnr, transfer: { buWith, a0Without, mean: (buWith + a0Without) / 2, pairs: 100 },
});

test('rankMasks: settings that keep transfer on every model first, then by the worst PSNR gain', () => {
  const masks = [
    { sigma: 1, low: 0.02, high: 0.06, feather: 2, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 },
    { sigma: 1, low: 0.08, high: 0.2, feather: 1, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 },
    { sigma: 2, low: 0.04, high: 0.1, feather: 1, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 },
  ];
  const result = (replace: SweepScores, residual: SweepScores[]): SweepResult => ({
    model: 'm', attribute: 'X', pairs: 100, size: 64, replace, seconds: 1,
    service: residual.map((s, k) => ({ mask: masks[k], scores: s })), residual: [], blend: [], residualZero: [], detail: [],
  });
  const ranked = rankMasks([
    result(scores(24, 25, 0.98, 0.98), [scores(27, 28, 0.97, 0.96), scores(30, 31, 0.5, 0.98), scores(26, 30, 0.99, 0.99)]),
    result(scores(25, 26, 0.9, 0.9), [scores(28, 27.5, 0.9, 0.88), scores(31, 32, 0.9, 0.9), scores(29, 29, 0.91, 0.92)]),
  ]);
  assert.deepEqual(ranked.map((r) => r.mask.low), [0.04, 0.02, 0.08], 'the 0.08 mask gains most but loses transfer on the first model');
  assert.deepEqual(ranked.map((r) => r.transferOk), [true, true, false]);
  assert.equal(ranked[0].worstGain, 2, "the first model's Bu gain");
  assert.equal(ranked[1].worstGain, 1.5, "the second model's A0 gain (its transfer is exactly 2 points down: allowed)");
});

test('sweepChangeMask on a tiny model: every mask scored on the same pairs, an empty mask leaves the inputs in every family, no tensor leak', async () => {
  await selectBackend({ log: () => {} });
  const work = await mkdtemp(path.join(tmpdir(), 'genegan-sweep-'));
  try {
    const model = createGenegan(presetConfig('tiny'), { critics: false, seed: 5 });
    await saveModel(path.join(work, 'model'), model, { attribute: 'Eyeglasses' });
    model.dispose();
    const training = { steps: 0, batchSize: 0, learningRate: 0, seed: 0, seconds: 0, data: 'none', backend: 'test' };
    const clf = createClassifier({ inputSize: 64, width: 4, heads: [{ name: 'Eyeglasses', labels: ['without', 'with'] }] }, 1);
    await saveClassifier(path.join(work, 'clf'), clf, { kind: 'attribute', attribute: 'Eyeglasses', training, heldOut: { split: 'val', images: 1, accuracy: {} } });
    clf.dispose();
    await writeSynthDataset({ out: path.join(work, 'synth'), count: 40, size: 64, seed: 7 });
    const before = tf.memory().numTensors;
    const grid = [{ sigma: 1, low: 2, high: 3, feather: 1, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 }, { sigma: 0, low: 0, high: 1e-4, feather: 0, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 }];
    const [r] = await sweepChangeMask({
      models: [{ model: path.join(work, 'model'), classifier: path.join(work, 'clf') }], data: path.join(work, 'synth'), split: 'train', pairs: 3, batchSize: 2, scale: 2, grid,
    });
    assert.equal(tf.memory().numTensors, before, 'no tensor leak');
    assert.deepEqual([r.attribute, r.pairs, r.size], ['Eyeglasses', 3, 64]);
    for (const family of ['service', 'residual', 'residualZero', 'blend', 'detail'] as const) {
      assert.deepEqual(r[family].map((x) => x.mask), grid);
      assert.ok(r[family].every((x) => x.scores.transfer?.pairs === 3 && Number.isFinite(x.scores.buPsnr)));
    }
    const untouched = r.residual[0].scores.buPsnr;
    assert.equal(r.residualZero[0].scores.buPsnr, untouched);
    assert.equal(r.service[0].scores.buPsnr, untouched);
    assert.equal(r.blend[0].scores.buPsnr, untouched);
    assert.equal(r.detail[0].scores.buPsnr, untouched);
    assert.notEqual(r.blend[1].scores.buPsnr, untouched, 'an open mask lets the (flat) generated image through');
    assert.ok(r.replace.buPsnr < untouched, "the random model's picture is further from the truth than B itself");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
