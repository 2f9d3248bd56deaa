import path from 'node:path';
import { selectBackend } from '../../backend/selectBackend.ts';
import { openDataset } from '../../data/openDataset.ts';
import type { Split } from '../../data/types.ts';
import { FACTORS_FILE, FIDELITY_FACTORS } from '../constants.ts';
import { readFactors, type FactorTable } from '../readFactors.ts';
import type { EvalDataset } from '../types.ts';
import { attributeBatches, heldOutAttributeBatches, factorBatches, factorHeads, heldOutFactorBatches } from './batches.ts';
import { classifierAccuracy, trainClassifier, type LabelledBatch } from './trainClassifier.ts';
import { ATTRIBUTE_LABELS, CLASSIFIER_DEFAULTS, createClassifier } from './network.ts';
import { saveClassifier } from './classifierFiles.ts';
import type { ClassifierManifest, HeadSpec } from './types.ts';
import { UserError } from '../../shared/errors.ts';

export interface ClassifierTrainingOptions {
  kind: 'attribute' | 'factors';
  data: string;
  attribute: string;
  out: string;
  /** factors only: factors.csv columns to predict (default per attribute, constants FIDELITY_FACTORS). */
  factors?: string[];
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  inputSize?: number;
  width?: number;
  heldOutImages?: number;
  heldOutSplit?: Split;
}

/**
 * `genegan classifier train`: trains the attribute classifier (with/without, balanced batches from
 * the train split) or the factors classifier (factors.csv columns of the "with" images), reports the
 * accuracy on held-out images (the val split) and saves it with that accuracy in its manifest.
 */
export async function runClassifierTraining(options: ClassifierTrainingOptions, log: (line: string) => void = () => {}): Promise<ClassifierManifest> {
  const o = { ...CLASSIFIER_DEFAULTS, heldOutSplit: 'val' as Split, ...stripUndefined(options), kind: options.kind, data: options.data, attribute: options.attribute, out: options.out };
  const backend = await selectBackend({ log: () => {} });
  const started = performance.now();
  const open = (split: Split, flip: boolean) => openDataset(o.data, { attribute: o.attribute, imageSize: o.inputSize, split, seed: o.seed, flip });
  const train = await open('train', o.kind === 'attribute');
  const heldOut = await open(o.heldOutSplit, false);
  try {
    const table = o.kind === 'factors' ? await readFactors(path.join(o.data, FACTORS_FILE), factorColumns(o)) : null;
    const heads: HeadSpec[] = table ? factorHeads(table, train.ids('with')) : [{ name: train.attribute, labels: [...ATTRIBUTE_LABELS] }];
    const classifier = createClassifier({ inputSize: o.inputSize, width: o.width, heads }, o.seed);
    try {
      const nextBatch = table ? factorBatches(train, table, heads, o.batchSize, o.seed) : attributeBatches(train, heads[0].name, o.batchSize);
      log(`training the ${o.kind} classifier (${heads.map((h) => `${h.name}: ${h.labels.length} classes`).join(', ')}) on ${train.counts.with} + ${train.counts.without} images, backend ${backend.name}`);
      await trainClassifier(classifier, nextBatch, {
        steps: o.steps, learningRate: o.learningRate, logEvery: o.logEvery,
        onLog: (step, loss) => log(`step ${step}/${o.steps}  loss ${loss.toFixed(4)}  ${((performance.now() - started) / 1000).toFixed(0)} s`),
      });
      const result = await classifierAccuracy(classifier, heldOutBatches(heldOut, table, heads, o.heldOutImages, o.batchSize));
      log(`held-out (${o.heldOutSplit}, ${result.images} images): ${Object.entries(result.accuracy).map(([k, a]) => `${k} ${(100 * a).toFixed(1)}%`).join(', ')}`);
      const manifest: Omit<ClassifierManifest, 'formatVersion' | 'config'> = {
        kind: o.kind,
        attribute: train.attribute,
        training: {
          steps: o.steps, batchSize: o.batchSize, learningRate: o.learningRate, seed: o.seed,
          seconds: Math.round((performance.now() - started) / 100) / 10, data: o.data, backend: backend.name,
        },
        heldOut: { split: o.heldOutSplit, images: result.images, accuracy: result.accuracy },
      };
      await saveClassifier(o.out, classifier, manifest);
      return { formatVersion: 1, config: classifier.config, ...manifest };
    } finally {
      classifier.dispose();
    }
  } finally {
    await train.close();
    await heldOut.close();
  }
}

function factorColumns(o: { attribute: string; factors?: string[] }): string[] {
  const columns = o.factors ?? FIDELITY_FACTORS[o.attribute.toLowerCase()];
  if (!columns || columns.length === 0) {
    throw new UserError('bad_input', `no ground-truth factors are defined for "${o.attribute}"; pass --factors col1,col2 (columns of ${FACTORS_FILE})`);
  }
  return [...columns];
}

function heldOutBatches(dataset: EvalDataset, table: FactorTable | null, heads: HeadSpec[], images: number, batchSize: number): AsyncIterable<LabelledBatch> {
  return table ? heldOutFactorBatches(dataset, table, heads, images, batchSize) : heldOutAttributeBatches(dataset, heads[0].name, images, batchSize);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
