import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { writeSynthDataset } from '../data/synth/writeSynthDataset.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { presetConfig } from '../model/presets.ts';
import { saveModel } from '../model/saveModel.ts';
import { createClassifier } from './classifier/network.ts';
import { saveClassifier } from './classifier/classifierFiles.ts';
import { runEvaluation, type EvaluationOptions } from './runEvaluation.ts';
import type { EvalMetrics } from './types.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');
let work = '';

const training = { steps: 0, batchSize: 0, learningRate: 0, seed: 0, seconds: 0, data: 'none', backend: 'test' };

/** Random-weight tiny model and classifiers: the test is of the pipeline, not of their quality. */
before(async () => {
  await selectBackend({ log: () => {} });
  work = await mkdtemp(path.join(tmpdir(), 'genegan-eval-'));
  const model = createGenegan(presetConfig('tiny'), { critics: false, seed: 5 });
  await saveModel(path.join(work, 'model'), model, { attribute: 'Eyeglasses' });
  model.dispose();
  const attr = createClassifier({ inputSize: 64, width: 4, heads: [{ name: 'Eyeglasses', labels: ['without', 'with'] }] }, 1);
  await saveClassifier(path.join(work, 'clf'), attr, { kind: 'attribute', attribute: 'Eyeglasses', training, heldOut: { split: 'val', images: 10, accuracy: { Eyeglasses: 0.9 } } });
  attr.dispose();
  const heads = [
    { name: 'glasses_type', labels: ['aviator', 'cat-eye', 'half-rim', 'oval', 'rectangular', 'round'] },
    { name: 'glasses_tint', labels: ['clear', 'tinted'] },
  ];
  const factors = createClassifier({ inputSize: 64, width: 4, heads }, 2);
  await saveClassifier(path.join(work, 'fclf'), factors, { kind: 'factors', attribute: 'Eyeglasses', training, heldOut: { split: 'val', images: 10, accuracy: {} } });
  factors.dispose();
  await writeSynthDataset({ out: path.join(work, 'synth'), count: 40, size: 64, seed: 7, masks: true });
  for (const name of ['celeba', 'multipie']) await cp(path.join(fixtures, name), path.join(work, name), { recursive: true });
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

async function evaluate(data: string, extra: Partial<EvaluationOptions> = {}): Promise<EvalMetrics> {
  const before = tf.memory().numTensors;
  const phases = new Set<string>();
  const metrics = await runEvaluation(
    {
      models: [path.join(work, 'model')], data: path.join(work, data), split: 'train', pairs: 6, batchSize: 4,
      classifier: path.join(work, 'clf'), features: ['attrclf'], ptq: [{ method: 'balanced', wbits: 2 }, { method: 'uniform', wbits: 3 }],
      out: path.join(work, `report-${data}`), ...extra,
    },
    (p) => phases.add(p.phase),
  );
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  assert.deepEqual([...phases], ['load', 'evaluate', 'frechet', 'report', 'done']);
  return metrics;
}

function checkCommon(m: EvalMetrics, layout: string): void {
  assert.equal(m.data.layout, layout);
  assert.deepEqual(m.variants.map((v) => v.label), ['model', 'float + BN recalibration', 'PTQ balanced 2-bit', 'PTQ uniform 3-bit']);
  for (const v of m.variants) {
    assert.equal(v.reconstruction.auPsnr.n, m.data.pairs);
    assert.ok(v.reconstruction.auPsnr.mean > 0 && v.reconstruction.auPsnr.mean < 100, `PSNR ${v.reconstruction.auPsnr.mean}`);
    assert.ok(v.reconstruction.b0Ssim.mean > -1 && v.reconstruction.b0Ssim.mean <= 1);
    assert.ok(v.transfer && v.transfer.pairs === m.data.pairs && v.transfer.buWith >= 0 && v.transfer.buWith <= 1);
    const fd = v.frechet['FD-attrclf'];
    assert.ok(fd && Number.isFinite(fd.bu) && fd.bu >= 0 && Number.isFinite(fd.a0), 'FD-attrclf for Bu and A0');
  }
  assert.equal(m.classifiers.attribute?.heldOutAccuracy, 0.9);
}

async function checkFiles(dir: string): Promise<void> {
  const saved = JSON.parse(await readFile(path.join(work, dir, 'metrics.json'), 'utf8')) as EvalMetrics;
  assert.equal(saved.formatVersion, 1);
  const html = await readFile(path.join(work, dir, 'report.html'), 'utf8');
  assert.match(html, /<table>.*PTQ balanced 2-bit.*<\/table>/s);
  assert.match(html, /<img src="data:image\/jpeg;base64,/);
  assert.doesNotMatch(html, /<script|<link|src="http/, 'self-contained');
}

test('eval on a synthetic set: fidelity and preservation from factors.csv and masks', async () => {
  // counterfactuals have their own test below (one generator row keeps it quick)
  const m = await evaluate('synth', { factorsClassifier: path.join(work, 'fclf'), counterfactualScale: 0 });
  checkCommon(m, 'synthetic');
  assert.equal(m.data.pairs, 6);
  for (const v of m.variants) {
    assert.deepEqual(Object.keys(v.fidelity?.perFactor ?? {}), ['glasses_type', 'glasses_tint']);
    const ceiling = v.fidelity?.reconstructionPerFactor ?? {};
    assert.deepEqual(Object.keys(ceiling), ['glasses_type', 'glasses_tint'], "Au' judged too");
    assert.ok(Object.values(ceiling).every((x) => Number.isInteger(x * 6) && x >= 0 && x <= 1), `shares of 6 pairs, got ${JSON.stringify(ceiling)}`);
    for (const [name, c] of Object.entries(v.fidelity?.confusion ?? {})) {
      const total = c.counts.flat().reduce((a, b) => a + b, 0);
      const diagonal = c.counts.reduce((a, r, i) => a + r[i], 0);
      assert.equal(total, 6, `${name}: every pair counted once`);
      assert.equal(diagonal / 6, v.fidelity?.perFactor[name], `${name}: the diagonal is the fidelity`);
      assert.ok(c.counts.every((r) => r.length === c.labels.length));
    }
    assert.deepEqual(Object.keys(v.fidelity?.confusion ?? {}), ['glasses_type', 'glasses_tint']);
    assert.ok(v.preservation && v.preservation.buVsB0.mean >= 0 && v.preservation.buVsB0.mean <= 1);
  }
  assert.deepEqual(m.notes, []);
  await checkFiles('report-synth');
  const html = await readFile(path.join(work, 'report-synth', 'report.html'), 'utf8');
  assert.match(html, /4-exemplar matrix/);
  assert.match(html, /Strength ramp/);
  assert.match(html, /Fidelity glasses_type of Au.{1,6} \(ceiling\)/);
});

test('eval on a synthetic set: counterfactual Bu and A0 for both composites, at the model size and 2x, in metrics.json and the report', async () => {
  const before = tf.memory().numTensors;
  const m = await runEvaluation({
    models: [path.join(work, 'model')], data: path.join(work, 'synth'), split: 'train', pairs: 4, batchSize: 4, classifier: path.join(work, 'clf'),
    features: [], ptq: [], counterfactualScale: 2, out: path.join(work, 'report-cf'),
  });
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  const cf = m.variants[0].counterfactual;
  assert.ok(cf, 'scored on a synthetic set');
  assert.deepEqual([cf.modelSize, cf.scale], [64, 2]);
  assert.deepEqual(cf.rows.map((r) => `${r.composite}@${r.size}`), ['residual@64', 'replace@64', 'residual@128', 'replace@128']);
  for (const r of cf.rows) {
    assert.equal(r.bu.psnr.n, 4);
    assert.ok(r.bu.psnr.mean > 5 && r.bu.psnr.mean < 100 && r.a0.ssim.mean > -1 && r.a0.ssim.mean <= 1);
    assert.equal(r.transfer?.pairs, 4);
  }
  const html = await readFile(path.join(work, 'report-cf', 'report.html'), 'utf8');
  assert.match(html, /<h2>Counterfactual truths<\/h2>/);
  assert.match(html, /<td>residual<\/td><td>128 px<\/td>/);
  assert.match(html, /<h3>Counterfactuals: model, 128 px<\/h3><img src="data:image\/jpeg;base64,/);
  assert.match(html, /columns: A, B, true Bu, replace Bu, residual Bu, true A0, replace A0, residual A0 \(128 px\)/);
  const celeba = await runEvaluation({ models: [path.join(work, 'model')], data: path.join(work, 'celeba'), split: 'train', pairs: 2, batchSize: 2, features: [], ptq: [], calibrate: 0 });
  assert.equal(celeba.variants[0].counterfactual, null);
  assert.ok(celeba.notes.some((n) => /counterfactual Bu and A0 were not scored/.test(n)));
  await assert.rejects(runEvaluation({ models: [path.join(work, 'model')], data: path.join(work, 'synth'), counterfactualScale: 1 }), /expected a counterfactual scale of 0 \(none\) or 2\.\.16, but got 1/);
});

test('eval on the CelebA-format fixture: no ground truth, so fidelity and preservation are noted as skipped', async () => {
  const m = await evaluate('celeba');
  checkCommon(m, 'celeba');
  assert.ok(m.variants.every((v) => v.fidelity === null && v.preservation === null));
  assert.ok(m.notes.some((n) => /not synthetic/.test(n)) && m.notes.some((n) => /no masks/.test(n)));
  await checkFiles('report-celeba');
});

test('eval on the Multi-PIE-format fixture (flash 07 vs no flash 00)', async () => {
  const m = await evaluate('multipie', { classifier: undefined, attribute: 'illumination 07 vs 00', calibrate: 0 });
  assert.equal(m.data.layout, 'multipie');
  assert.deepEqual(m.variants.map((v) => v.label), ['model', 'PTQ balanced 2-bit', 'PTQ uniform 3-bit'], 'no recalibration, no recalibrated float row');
  assert.ok(m.data.pairs >= 1);
  assert.ok(m.variants.every((v) => v.transfer === null && Number.isFinite(v.reconstruction.auPsnr.mean)));
  assert.ok(existsSync(path.join(work, 'report-multipie', 'report.html')));
});

test('eval: clear errors for a missing model, a classifier of another attribute and PTQ of a quantized base', async () => {
  await assert.rejects(runEvaluation({ models: [path.join(work, 'nope')], data: path.join(work, 'synth') }), /nope.*manifest\.json/);
  await assert.rejects(
    runEvaluation({ models: [path.join(work, 'model')], data: path.join(work, 'synth'), attribute: 'Smiling', classifier: path.join(work, 'clf'), features: [], ptq: [] }),
    /trained for "Eyeglasses", but the evaluation is of "Smiling"/,
  );
  const q = createGenegan({ ...presetConfig('tiny'), quant: { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true } }, { critics: false });
  await saveModel(path.join(work, 'qmodel'), q, { attribute: 'Eyeglasses' });
  q.dispose();
  await assert.rejects(runEvaluation({ models: [path.join(work, 'qmodel')], data: path.join(work, 'synth') }), /needs a float base model/);
});
