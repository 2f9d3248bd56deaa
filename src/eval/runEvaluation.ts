import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '../backend/selectBackend.ts';
import { openDataset } from '../data/openDataset.ts';
import type { Split } from '../data/types.ts';
import { loadModelVariants, ptqVariant, recalibratedFloatVariant, type PtqCalibration, type PtqSpec, type Variant } from './buildVariants.ts';
import { DEFAULT_PTQ, EVAL_DEFAULTS, METRICS_FORMAT_VERSION } from './constants.ts';
import { prepareCounterfactuals } from './counterfactualScores.ts';
import { counterfactualGrid } from './reportImages.ts';
import { prepareFrechetReference } from './frechet.ts';
import { maskFolder, pairCount } from './pairs.ts';
import { prepareJudges, type FeatureChoice, type PreparedJudges } from './judges.ts';
import type { RealScores } from './variantScores.ts';
import { disposeExamples, scorePairs } from './scorePairs.ts';
import { buildReportSections, type ReportInputs, writeReport } from './report.ts';
import { summarizeVariant, type FrechetReferences } from './summarizeVariant.ts';
import type { EvalDataset, EvalMetrics } from './types.ts';
import { UserError } from '../shared/errors.ts';

export interface EvaluationOptions {
  /** Model directories; the first is the base whose post-training quantized variants are added. */
  models: string[];
  data: string;
  split?: Split;
  /** Pairs (Au, B0) to score: the first N of each side of the split. */
  pairs?: number;
  batchSize?: number;
  /** Attribute column; default the first model's manifest attribute. */
  attribute?: string;
  classifier?: string;
  factorsClassifier?: string;
  features?: FeatureChoice[];
  inception?: string;
  /** Post-training quantized variants of the first model; [] for none. */
  ptq?: PtqSpec[];
  abits?: number;
  /** Training-split images per set for BN recalibration of the post-training variants (0 = none). */
  calibrate?: number;
  /** Write metrics.json and report.html here (omit to only return the metrics). */
  out?: string;
  /**
   * Synthetic sets: score Bu and A0 against the true ones at the model's size and at this many
   * times it, for both composites (default 4; 0 = skip).
   */
  counterfactualScale?: number;
}

export interface EvalProgress {
  phase: 'load' | 'evaluate' | 'frechet' | 'report' | 'done';
  done: number;
  total: number;
  message: string;
}

/**
 * Batch evaluation (docs/eval.md): scores the models and their quantized variants on the first N pairs of
 * a split, streaming one batch at a time, then computes Fréchet distances and writes metrics.json +
 * report.html. The programmatic entry of `genegan eval` and the service's evaluation jobs.
 */
export async function runEvaluation(options: EvaluationOptions, onProgress: (p: EvalProgress) => void = () => {}): Promise<EvalMetrics> {
  const o = { ...EVAL_DEFAULTS, ptq: [...DEFAULT_PTQ] as PtqSpec[], ...stripUndefined(options), models: options.models, data: options.data };
  if (o.models.length === 0) throw new UserError('bad_input', 'expected at least one --model directory, but got none');
  if (!Number.isInteger(o.counterfactualScale) || o.counterfactualScale < 0 || o.counterfactualScale === 1 || o.counterfactualScale > 16) {
    throw new UserError('bad_input', `expected a counterfactual scale of 0 (none) or 2..16, but got ${o.counterfactualScale}`);
  }
  const started = performance.now();
  const backend = await selectBackend({ log: () => {} });
  onProgress({ phase: 'load', done: 0, total: 1, message: `loading ${o.models.length} model(s)` });
  const variants = await loadModelVariants(o.models);
  let prepared: PreparedJudges | null = null;
  let dataset: EvalDataset | null = null;
  let examples: ReportInputs | null = null;
  let workDir: string | null = null;
  try {
    const attribute = o.attribute ?? variants[0].manifest.attribute;
    if (!attribute) throw new UserError('bad_input', `${o.models[0]}: the manifest names no attribute; pass --attribute`);
    if (o.ptq.length > 0) {
      workDir = await mkdtemp(path.join(tmpdir(), 'genegan-eval-ptq-'));
      const calibration = { data: o.data, attribute, count: await calibrationCount(o.data, attribute, variants[0].model.config.imageSize, o.calibrate) };
      await addPtqVariants(variants, o.ptq, o.abits, calibration, workDir, (i) => onProgress({ phase: 'load', done: i, total: o.ptq.length, message: `post-training quantization ${i}/${o.ptq.length}` }));
    }
    checkSizes(variants);
    dataset = await openDataset(o.data, { attribute, imageSize: variants[0].model.config.imageSize, split: o.split, prefetch: 0 });
    prepared = await prepareJudges({ dataDir: o.data, attribute, classifier: o.classifier, factorsClassifier: o.factorsClassifier, features: [...o.features], inception: o.inception });
    const maskDir = maskFolder(o.data, attribute);
    const notes = [...prepared.notes];
    if (!maskDir) notes.push(`no masks for ${attribute} in the data set (genegan synth --masks): preservation was not measured`);
    const total = pairCount(dataset, o.pairs);
    const counterfactuals = await prepareCounterfactuals(o.data, attribute, variants[0].model.config.imageSize, o.counterfactualScale, notes);
    const scored = await scorePairs(dataset, variants, prepared, maskDir, total, o.batchSize, (done) =>
      onProgress({ phase: 'evaluate', done, total, message: `${done}/${total} pairs x ${variants.length} generators` }),
    counterfactuals);
    examples = scored.examples;
    const { real, scores, pairs: done } = scored;
    if (done === 0) throw new UserError('bad_input', `${o.data}: no readable pairs in the ${o.split} split`);
    onProgress({ phase: 'frechet', done: 0, total: prepared.judges.features.length, message: 'Fréchet distances' });
    const references = frechetReferences(real);
    const metrics: EvalMetrics = {
      formatVersion: METRICS_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      backend: backend.name,
      data: { dir: o.data, layout: dataset.layout, attribute, split: dataset.split, pairs: done, imageSize: dataset.imageSize, skipped: dataset.skipped },
      classifiers: classifierSummary(prepared, real),
      featureNetworks: prepared.judges.features.map((f) => ({ name: f.name, dim: f.dim, description: f.description })),
      notes,
      variants: scores.map((s) => summarizeVariant(s, references)),
      seconds: 0,
    };
    metrics.seconds = Math.round((performance.now() - started) / 100) / 10;
    if (o.out && examples) {
      onProgress({ phase: 'report', done: 0, total: 1, message: `writing ${o.out}` });
      // ramps and matrix: the float model, with recalibrated BN when that row exists (a short run's BN
      // moving statistics lag its weights; the recalibrated row shows what the weights do)
      const showcase = variants.find((v) => v.source === 'recalibrated') ?? variants[0];
      const sections = await buildReportSections(examples, showcase, prepared.factorTable);
      const cf = scored.scores[0].counterfactual?.examples;
      if (cf) sections.counterfactuals = [await counterfactualGrid(`Counterfactuals: ${variants[0].label}, ${cf.rows[0][0].width} px`, cf)];
      await writeReport(o.out, metrics, sections);
    }
    onProgress({ phase: 'done', done: 1, total: 1, message: `done in ${metrics.seconds} s` });
    return metrics;
  } finally {
    disposeExamples(examples);
    prepared?.dispose();
    await dataset?.close();
    variants.forEach((v) => v.model.dispose());
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

async function addPtqVariants(
  variants: Variant[], specs: readonly PtqSpec[], abits: number, calibration: PtqCalibration, workDir: string, progress: (done: number) => void,
): Promise<void> {
  const base = variants[0];
  if (base.quantization) throw new UserError('bad_input', `${base.modelDir}: post-training quantization needs a float base model, but this one is quantized; pass --ptq none or a float model first`);
  // with recalibrated quantized rows, the float model recalibrated alike is their fair baseline
  if (calibration.count > 0) variants.push(await recalibratedFloatVariant(base, calibration));
  for (const [i, spec] of specs.entries()) {
    variants.push(await ptqVariant(base, spec, abits, calibration, workDir));
    progress(i + 1);
  }
}

/**
 * BN recalibration images per set, capped by the smaller side of the training split: the
 * quantization module pairs the two sets image by image, so they must be equally many.
 */
async function calibrationCount(data: string, attribute: string, imageSize: number, requested: number): Promise<number> {
  if (requested === 0) return 0;
  const train = await openDataset(data, { attribute, imageSize, split: 'train', prefetch: 0 });
  try {
    return Math.min(requested, train.counts.with, train.counts.without);
  } finally {
    await train.close();
  }
}

function checkSizes(variants: Variant[]): void {
  const size = variants[0].model.config.imageSize;
  const other = variants.find((v) => v.model.config.imageSize !== size);
  if (other) throw new UserError('bad_input', `${other.modelDir}: expected ${size} px like ${variants[0].modelDir}, but this model is ${other.model.config.imageSize} px`);
}

function frechetReferences(real: RealScores): FrechetReferences {
  const refs: FrechetReferences = {};
  for (const [name, m] of Object.entries(real.moments)) {
    if (m.au.samples < 2 || m.b0.samples < 2) continue; // a covariance needs two samples
    refs[name] = { au: prepareFrechetReference(m.au.moments()), b0: prepareFrechetReference(m.b0.moments()) };
  }
  return refs;
}

function classifierSummary(prepared: PreparedJudges, real: RealScores): EvalMetrics['classifiers'] {
  const a = prepared.attributeManifest;
  const f = prepared.factorsManifest;
  const n = Math.max(1, real.images);
  return {
    attribute: a
      ? { dir: a.dir, heldOutAccuracy: Object.values(a.manifest.heldOut.accuracy)[0] ?? null, realAccuracy: { au: real.auJudgedWith / n, b0: real.b0JudgedWithout / n } }
      : null,
    factors: f ? { dir: f.dir, heldOutAccuracy: f.manifest.heldOut.accuracy, realAccuracy: Object.fromEntries(Object.entries(real.factorCorrect).map(([k, c]) => [k, c / n])) } : null,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
