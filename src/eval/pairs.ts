import { existsSync } from 'node:fs';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { readRgb } from '../data/imageFiles.ts';
import type { Generator } from '../model/types.ts';
import type { EvalDataset, FactorJudge } from './types.ts';
import { factorLabels } from './classifier/batches.ts';
import type { FactorTable } from './readFactors.ts';
import { MASK_FOR_ATTRIBUTE, MASKS_DIR } from './constants.ts';
import { firstLine, UserError } from '../shared/errors.ts';

/** A batch of evaluation pairs (Au[i], B0[i]) with the images' ids. */
export interface PairBatch {
  /** NHWC [N, S, S, 3] in [0, 1]; disposed by the generator when the consumer asks for the next batch. */
  au: Tensor4D;
  b0: Tensor4D;
  auIds: string[];
  b0Ids: string[];
}

/**
 * The first `pairs` images of each side of the split, in file order, paired by position
 * (Au i with B0 i): deterministic, and every image is visited once (bounded memory: one batch).
 * Unreadable images are skipped by the dataset; their partners are dropped with them.
 */
export async function* pairBatches(dataset: EvalDataset, pairs: number, batchSize: number): AsyncGenerator<PairBatch> {
  const total = Math.min(pairs, dataset.counts.with, dataset.counts.without);
  for (let start = 0; start < total; start += batchSize) {
    const count = Math.min(batchSize, total - start);
    const a = await dataset.batchAt('with', start, count);
    const b = await dataset.batchAt('without', start, count);
    const n = Math.min(a.ids.length, b.ids.length);
    const au = n === a.ids.length ? a.images : (tf.slice(a.images, 0, n) as Tensor4D);
    const b0 = n === b.ids.length ? b.images : (tf.slice(b.images, 0, n) as Tensor4D);
    if (au !== a.images) a.images.dispose();
    if (b0 !== b.images) b.images.dispose();
    try {
      if (n > 0) yield { au, b0, auIds: a.ids.slice(0, n), b0Ids: b.ids.slice(0, n) };
    } finally {
      tf.dispose([au, b0]);
    }
  }
}

/** Pairs an evaluation will score: --n capped by the smaller side of the split. */
export function pairCount(dataset: EvalDataset, requested: number): number {
  return Math.min(requested, dataset.counts.with, dataset.counts.without);
}

/**
 * The image ids of the pairs pairBatches visits (Au i with B0 i, file order) when every image is
 * readable, as synthetic sets are: what `genegan synth --counterfactuals` draws the truths of.
 */
export function pairIds(dataset: Pick<EvalDataset, 'ids' | 'counts'>, requested: number): Array<{ au: string; b0: string }> {
  const n = Math.min(requested, dataset.counts.with, dataset.counts.without);
  const au = dataset.ids('with');
  const b0 = dataset.ids('without');
  return Array.from({ length: n }, (_, i) => ({ au: au[i], b0: b0[i] }));
}

/** One batch of pairs with everything the scores need beyond the pixels. */
export interface EvalBatch {
  /** NHWC [N, S, S, 3] in [0, 1]: images with the attribute (exemplars) and without (targets). */
  au: Tensor4D;
  b0: Tensor4D;
  /** NHWC [N, S, S, 1] of 0/1: pixels OUTSIDE the attribute regions of both images of each pair. */
  keep: Tensor4D | null;
  /** Au's ground-truth label index per factor head (-1 when the head has no such label). */
  auFactors: Record<string, Int32Array> | null;
}

/**
 * Adds to a pair batch what the synthetic ground truth offers: the "keep" mask (pixels outside the
 * attribute region of BOTH images of a pair: Au's glasses may land on Bu wherever they sat on Au,
 * and B0's own region is excluded for attributes B0 can partly show), and Au's factor labels.
 * The caller disposes `keep`.
 */
export async function evalBatch(pair: PairBatch, maskDir: string | null, table: FactorTable | null, factors: FactorJudge | null): Promise<EvalBatch> {
  let keep: Tensor4D | null = null;
  if (maskDir) {
    const size = pair.au.shape[1];
    const ma = await loadMasks(maskDir, pair.auIds, size);
    const mb = await loadMasks(maskDir, pair.b0Ids, size);
    keep = tf.tidy(() => tf.sub(1, tf.maximum(ma, mb)) as Tensor4D);
    tf.dispose([ma, mb]);
  }
  const auFactors = table && factors ? factorLabels(table, factors.heads.map((h) => ({ name: h.name, labels: [...h.labels] })), pair.auIds) : null;
  return { au: pair.au, b0: pair.b0, keep, auFactors };
}

/**
 * The folder of one attribute's masks in a synthetic set (genegan synth --masks), or null when the
 * set has none for this attribute (then preservation is not measured).
 */
export function maskFolder(dataDir: string, attribute: string): string | null {
  const name = MASK_FOR_ATTRIBUTE[attribute.toLowerCase()];
  if (name === undefined) return null;
  const dir = path.join(dataDir, MASKS_DIR, name);
  return existsSync(dir) ? dir : null;
}

/**
 * The masks of images `ids` (000001.jpg -> <folder>/000001.png), resized to `size` and thresholded
 * at one half: 1 where the attribute is drawn.
 * @returns NHWC float32 [N, size, size, 1] of 0/1; the caller disposes it
 */
export async function loadMasks(folder: string, ids: readonly string[], size: number): Promise<Tensor4D> {
  const pixels = new Float32Array(ids.length * size * size);
  await Promise.all(
    ids.map(async (id, n) => {
      const file = path.join(folder, id.replace(/\.[^.]+$/, '') + '.png');
      const img = await readRgb(file, size).catch((err: Error) => {
        throw new UserError('bad_data', `${file}: cannot read the attribute mask of ${id} (${firstLine(err)})`, { cause: err });
      });
      for (let i = 0; i < size * size; i++) pixels[n * size * size + i] = img.data[i * 3] >= 128 ? 1 : 0;
    }),
  );
  return tf.tensor4d(pixels, [ids.length, size, size, 1]);
}

/** The four images of GeneGAN's forward graph for a batch of pairs (docs/model.md "Crossover"). */
export interface FourImages {
  /** Au' = Dec(A, x): reconstruction of Au. */
  auRec: Tensor4D;
  /** B0' = Dec(B, 0): reconstruction of B0 with a zero object part. */
  b0Rec: Tensor4D;
  /** A0 = Dec(A, 0): Au without the attribute. */
  a0: Tensor4D;
  /** Bu = Dec(B, x): B0 with Au's attribute. */
  bu: Tensor4D;
}

/**
 * Encodes each side once and decodes the four combinations, in inference mode (BN moving stats).
 * @param au, b0 NHWC [N, S, S, 3] in [0, 1] (S = the model's image size), pairs (au[i], b0[i])
 * @returns four NHWC [N, S, S, 3] tensors in [0, 1]; the caller disposes them
 */
export function generateFour(model: Generator, au: Tensor4D, b0: Tensor4D): FourImages {
  if (au.shape[0] !== b0.shape[0]) throw new Error(`generateFour: expected as many Au as B0 images, but got ${au.shape[0]} and ${b0.shape[0]}`);
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    const zero = tf.zerosLike(a.object);
    return {
      auRec: model.decode(a.background, a.object, false),
      b0Rec: model.decode(b.background, zero, false),
      a0: model.decode(a.background, zero, false),
      bu: model.decode(b.background, a.object, false),
    };
  });
}
