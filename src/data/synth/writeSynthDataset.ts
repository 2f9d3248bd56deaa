import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CELEBA_FILES, CELEBA_LANDMARK_COLUMNS, IMAGE_SIZES, SPLIT_CODES, SYNTH_FILES } from '../constants.ts';
import { formatCelebaTable, formatPartition } from '../celeba/tables.ts';
import { faceLandmarks } from './faceGeometry.ts';
import { factorsHeader, formatFactorsRow, imageName } from './factorsCsv.ts';
import { renderFaceJpeg, renderMaskPng } from './renderFace.ts';
import { sampleFaceFactors } from './sampleFaceFactors.ts';
import { SYNTH_ATTRIBUTE_COLUMNS, synthAttributes } from './synthAttributes.ts';
import type { FaceFactors, MaskName, SynthConfig } from './types.ts';

const MASKS: readonly MaskName[] = ['eyeglasses', 'smiling', 'bangs', 'lighting'];
const DEFAULTS = { masks: false, concurrency: 8, quality: 95 } as const;
const PROGRESS_EVERY = 1000;

export interface SynthSummary {
  out: string;
  count: number;
  size: number;
  seed: number;
  masks: boolean;
  seconds: number;
  /** Share of faces with each attribute column that the set is made for. */
  positives: Record<string, number>;
}

/**
 * Writes `count` synthetic faces in CelebA's aligned layout (img_align_celeba/000001.jpg...,
 * list_attr_celeba.txt, list_landmarks_align_celeba.txt, list_eval_partition.txt) plus
 * factors.csv and, with `masks`, masks/<attribute>/000001.png. Deterministic per seed.
 */
export async function writeSynthDataset(config: SynthConfig): Promise<SynthSummary> {
  const c = { ...DEFAULTS, ...config };
  validate(c);
  const started = performance.now();
  await mkdir(path.join(c.out, CELEBA_FILES.alignedImages), { recursive: true });
  if (c.masks) for (const m of MASKS) await mkdir(path.join(c.out, SYNTH_FILES.masks, m), { recursive: true });
  const factors: FaceFactors[] = new Array(c.count);
  let nextIndex = 1;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex <= c.count) {
      const index = nextIndex++;
      factors[index - 1] = sampleFaceFactors(c.seed, index);
      await writeFace(c, factors[index - 1]);
      done++;
      if (done % PROGRESS_EVERY === 0) c.onProgress?.(done, c.count);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, c.concurrency) }, worker));
  await writeAnnotations(c, factors);
  c.onProgress?.(c.count, c.count);
  return summary(c, factors, (performance.now() - started) / 1000);
}

async function writeFace(c: Required<Omit<SynthConfig, 'onProgress'>>, f: FaceFactors): Promise<void> {
  const name = imageName(f.index);
  await writeFile(path.join(c.out, CELEBA_FILES.alignedImages, name), await renderFaceJpeg(f, c.size, c.quality));
  if (!c.masks) return;
  for (const m of MASKS) {
    await writeFile(path.join(c.out, SYNTH_FILES.masks, m, name.replace(/\.jpg$/, '.png')), await renderMaskPng(f, c.size, m));
  }
}

async function writeAnnotations(c: SynthConfig, factors: FaceFactors[]): Promise<void> {
  const names = factors.map((f) => imageName(f.index));
  const attrRows = factors.map((f, i) => {
    const row = synthAttributes(f);
    return [names[i], SYNTH_ATTRIBUTE_COLUMNS.map((col) => row[col])] as const;
  });
  const landmarkRows = factors.map((f, i) => [names[i], faceLandmarks(f, c.size).flat().map((v) => v.toFixed(2))] as const);
  const write = (file: string, text: string): Promise<void> => writeFile(path.join(c.out, file), text);
  await write(CELEBA_FILES.attributes, formatCelebaTable(SYNTH_ATTRIBUTE_COLUMNS, attrRows));
  await write(CELEBA_FILES.alignedLandmarks, formatCelebaTable(CELEBA_LANDMARK_COLUMNS, landmarkRows, 7));
  await write(CELEBA_FILES.partition, formatPartition(names.map((n, i) => [n, synthSplit(i + 1, c.count)] as const)));
  await write(SYNTH_FILES.factors, [factorsHeader(), ...factors.map(formatFactorsRow)].join('\n') + '\n');
}

function validate(c: SynthConfig & { concurrency: number; quality: number }): void {
  if (!Number.isInteger(c.count) || c.count < 1) throw new RangeError(`synth: expected --count to be a positive integer, but got ${c.count}`);
  if (!(IMAGE_SIZES as readonly number[]).includes(c.size)) {
    throw new RangeError(`synth: expected --size to be one of ${IMAGE_SIZES.join('|')}, but got ${c.size}`);
  }
  if (!Number.isInteger(c.seed) || c.seed < 0) throw new RangeError(`synth: expected --seed to be a non-negative integer, but got ${c.seed}`);
  if (!(c.quality >= 1 && c.quality <= 100)) throw new RangeError(`synth: expected quality in 1..100, but got ${c.quality}`);
}

function summary(c: SynthConfig, factors: FaceFactors[], seconds: number): SynthSummary {
  const share = (pred: (f: FaceFactors) => boolean): number => Math.round((factors.filter(pred).length / factors.length) * 1000) / 1000;
  return {
    out: c.out, count: c.count, size: c.size, seed: c.seed, masks: c.masks === true, seconds: Math.round(seconds * 100) / 100,
    positives: {
      Eyeglasses: share((f) => f.attributes.glasses !== null),
      Smiling: share((f) => f.attributes.smiling),
      Bangs: share((f) => f.attributes.bangs !== null),
      Side_Lit: share((f) => f.attributes.lighting.direction !== 'front'),
    },
  };
}

/** Shares of train and val (the rest is test), about CelebA's 80 / 10 / 10. */
const TRAIN_SHARE = 0.8;
const VAL_SHARE = 0.1;

/** Partition code of image `index` (1-based) of `count`: contiguous blocks, as CelebA's file has. */
function synthSplit(index: number, count: number): number {
  if (index <= Math.floor(count * TRAIN_SHARE)) return SPLIT_CODES.train;
  return index <= Math.floor(count * (TRAIN_SHARE + VAL_SHARE)) ? SPLIT_CODES.val : SPLIT_CODES.test;
}
