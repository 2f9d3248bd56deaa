import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { writeSynthDataset } from '../../data/synth/writeSynthDataset.ts';
import { renderContactSheet, renderVariantSheet } from '../../data/synth/renderContactSheet.ts';
import { MAX_RENDER_SIZE } from '../../data/synth/renderFace.ts';
import { DataError } from '../../data/dataError.ts';
import type { Split } from '../../data/types.ts';
import { writeCounterfactualSet } from '../../eval/writeCounterfactualSet.ts';
import { integerFlag } from '../flags.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'synth',
  summary: 'draw a synthetic face set with ground truth, in CelebA layout',
  usage: `usage: genegan synth --out DIR --count N [--size 64|128] [--seed S] [--masks] [--concurrency K] [--json]
       genegan synth --contact-sheet FILE.png [--size 64|128] [--seed S]
       genegan synth --variants FILE.png [--size 64|128] [--seed S]
       genegan synth --counterfactuals OUT --data DIR --attribute X [--split S] [--n N] [--size PX]

Draws N procedural frontal faces (identity, pose jitter, and the independent attributes
Eyeglasses, Smiling, Bangs and lighting from the front/left/right) into DIR in CelebA's aligned
layout: img_align_celeba/000001.jpg..., list_attr_celeba.txt (CelebA's 40 columns plus
Side_Lit, Lit_Left, Lit_Right, Lit_Front), list_landmarks_align_celeba.txt (true 5 points),
list_eval_partition.txt (80/10/10) and factors.csv (ground truth of every image).
Deterministic per seed: image i is the same for any N.
  --out DIR          output folder (created)
  --count N          number of faces
  --size 64|128      image side in pixels (default 64)
  --seed S           seed (default 0)
  --masks            also write masks/{eyeglasses,smiling,bangs,lighting}/000001.png
  --concurrency K    images rendered at once (default 8)
  --json             print the summary as JSON
  --contact-sheet F  instead, draw faces 1..64 of the seed, labelled with their ground truth, into F
  --variants F       instead, draw 4 identities with one attribute switched at a time into F
  --counterfactuals OUT
                     instead, the ground truth of the test pairs genegan eval scores in the synthetic
                     set --data (Au i with B0 i of the split, file order): for each pair A, B, the
                     true Bu (B with A's glasses, smile, fringe or light) and the true A0 (A without
                     it), drawn at --size (any side from 8 to 4096 px, e.g. 256 for a 64 px model) into
                     OUT/{a,b,bu,a0}/0001.png, with OUT/pairs.csv naming the faces
  --data DIR         the synthetic set (with --counterfactuals)
  --attribute X      Eyeglasses|Smiling|Bangs|Side_Lit (with --counterfactuals)
  --split S          train|val|test (default test; with --counterfactuals)
  --n N              pairs (default 300, capped by the smaller side; with --counterfactuals)`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        count: { type: 'string' },
        size: { type: 'string', default: '64' },
        seed: { type: 'string', default: '0' },
        masks: { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '8' },
        json: { type: 'boolean', default: false },
        'contact-sheet': { type: 'string' },
        variants: { type: 'string' },
        counterfactuals: { type: 'string' },
        data: { type: 'string' },
        attribute: { type: 'string' },
        split: { type: 'string', default: 'test' },
        n: { type: 'string', default: '300' },
      },
    });
    if (values.counterfactuals !== undefined) return counterfactuals(values.counterfactuals, values);
    const sheet = values['contact-sheet'] ?? values.variants;
    if (sheet !== undefined) {
      const size = integerFlag(values.size, 'size');
      if (size !== 64 && size !== 128) throw new UsageError(`expected --size 64 or 128, but got ${size}`);
      const seed = integerFlag(values.seed, 'seed');
      const png = values.variants !== undefined ? await renderVariantSheet(seed, size) : await renderContactSheet({ seed, size });
      await writeFile(sheet, png);
      process.stdout.write(`wrote ${sheet}\n`);
      return 0;
    }
    if (values.out === undefined) throw new UsageError('expected --out DIR, but it is missing');
    if (values.count === undefined) throw new UsageError('expected --count N, but it is missing');
    const config = {
      out: values.out,
      count: integerFlag(values.count, 'count'),
      size: integerFlag(values.size, 'size'),
      seed: integerFlag(values.seed, 'seed'),
      masks: values.masks,
      concurrency: integerFlag(values.concurrency, 'concurrency'),
    };
    let summary;
    try {
      summary = await writeSynthDataset({
        ...config,
        onProgress: values.json ? undefined : (done, total) => process.stderr.write(`\rsynth: ${done}/${total}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(err.message);
      throw err;
    }
    if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      const rate = Math.round(summary.count / Math.max(summary.seconds, 1e-3));
      process.stderr.write('\n');
      process.stdout.write(`wrote ${summary.count} faces (${summary.size} px) to ${summary.out} in ${summary.seconds} s (${rate}/s); positives ${JSON.stringify(summary.positives)}\n`);
    }
    return 0;
  },
};

async function counterfactuals(
  out: string,
  values: { data?: string; attribute?: string; split: string; n: string; size: string; json: boolean },
): Promise<number> {
  if (values.data === undefined) throw new UsageError('expected --data DIR (a synthetic set) with --counterfactuals, but it is missing');
  if (values.attribute === undefined) throw new UsageError('expected --attribute X with --counterfactuals, but it is missing');
  if (!['train', 'val', 'test'].includes(values.split)) throw new UsageError(`expected --split train|val|test, but got "${values.split}"`);
  const size = integerFlag(values.size, 'size');
  if (size < 8 || size > MAX_RENDER_SIZE) throw new UsageError(`expected --size from 8 to ${MAX_RENDER_SIZE} with --counterfactuals, but got ${size}`);
  const n = integerFlag(values.n, 'n');
  if (n < 1) throw new UsageError(`expected --n to be a positive integer, but got ${n}`);
  const started = performance.now();
  let pairs;
  try {
    pairs = await writeCounterfactualSet({
      data: values.data, attribute: values.attribute, split: values.split as Split, pairs: n, size, out,
      onProgress: values.json ? undefined : (done, total) => process.stderr.write(`\rsynth: ${done}/${total} pairs`),
    });
  } catch (err) {
    if (err instanceof RangeError || err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  if (values.json) process.stdout.write(JSON.stringify({ out, pairs, size, attribute: values.attribute, split: values.split, seconds }) + '\n');
  else process.stdout.write(`\nwrote A, B, true Bu and true A0 of ${pairs} pairs (${size} px) to ${out} in ${seconds} s\n`);
  return 0;
}

