import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { openDataset } from '../data/openDataset.ts';
import type { Split } from '../data/types.ts';
import { COUNTERFACTUAL_ATTRIBUTES, counterfactualAttribute, renderCounterfactual } from '../data/synth/counterfactual.ts';
import { readFaceFactors } from '../data/synth/factorsCsv.ts';
import type { FaceFactors } from '../data/synth/types.ts';
import { FACTORS_FILE } from './constants.ts';
import { pairIds } from './pairs.ts';

export interface CounterfactualSetOptions {
  /** A synthetic set (genegan synth): its factors.csv describes every image. */
  data: string;
  attribute: string;
  split: Split;
  /** Pairs to draw: the first N of each side of the split, as genegan eval scores them. */
  pairs: number;
  /** Side of the drawn images in pixels. */
  size: number;
  out: string;
  onProgress?: (done: number, total: number) => void;
}

/** Folders of the four images of every pair, and the table that names the pair's faces. */
export const COUNTERFACTUAL_FILES = { a: 'a', b: 'b', bu: 'bu', a0: 'a0', pairs: 'pairs.csv' } as const;

/**
 * Draws, for the test pairs genegan eval scores (Au i with B0 i of the split, file order), the
 * inputs A and B and the true Bu and A0 at `size` px as lossless PNGs: OUT/{a,b,bu,a0}/0001.png...
 * and OUT/pairs.csv (pair,a,b: the data set's image names). Errors say which input is wrong.
 * @returns the number of pairs written
 */
export async function writeCounterfactualSet(o: CounterfactualSetOptions): Promise<number> {
  const attribute = counterfactualAttribute(o.attribute);
  if (!attribute) throw new RangeError(`expected --attribute ${COUNTERFACTUAL_ATTRIBUTES.join('|')}, but got "${o.attribute}"`);
  const factorsFile = path.join(o.data, FACTORS_FILE);
  if (!existsSync(factorsFile)) throw new RangeError(`expected a synthetic set with ${FACTORS_FILE} in --data, but ${o.data} has none`);
  const faces = await readFaceFactors(factorsFile);
  const dataset = await openDataset(o.data, { attribute, imageSize: 64, split: o.split, prefetch: 0 });
  const pairs = pairIds(dataset, o.pairs);
  await dataset.close();
  if (pairs.length === 0) throw new RangeError(`expected pairs in the ${o.split} split of ${o.data}, but a side has no ${attribute} images`);
  for (const dir of [COUNTERFACTUAL_FILES.a, COUNTERFACTUAL_FILES.b, COUNTERFACTUAL_FILES.bu, COUNTERFACTUAL_FILES.a0]) await mkdir(path.join(o.out, dir), { recursive: true });
  const digits = Math.max(4, String(pairs.length).length);
  const lookup = (id: string): FaceFactors => {
    const f = faces.get(id);
    if (!f) throw new RangeError(`expected ${factorsFile} to describe ${id}, but it has no such row`);
    return f;
  };
  for (const [i, p] of pairs.entries()) {
    const images = await renderCounterfactual(attribute, lookup(p.au), lookup(p.b0), o.size);
    const name = `${String(i + 1).padStart(digits, '0')}.png`;
    await Promise.all(
      (['a', 'b', 'bu', 'a0'] as const).map(async (k) => {
        const img = images[k];
        const png = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
        await writeFile(path.join(o.out, COUNTERFACTUAL_FILES[k], name), png);
      }),
    );
    o.onProgress?.(i + 1, pairs.length);
  }
  const table = ['pair,a,b', ...pairs.map((p, i) => `${i + 1},${p.au},${p.b0}`)].join('\n') + '\n';
  await writeFile(path.join(o.out, COUNTERFACTUAL_FILES.pairs), table);
  return pairs.length;
}
