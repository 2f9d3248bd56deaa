import { existsSync } from 'node:fs';
import path from 'node:path';
import { CELEBA_FILES, DATASET_DEFAULTS, SYNTH_FILES } from '../constants.ts';
import { DataError } from '../dataError.ts';
import { readRgb } from '../imageFiles.ts';
import type { DatasetOptions, ImageSource } from '../types.ts';
import { readCelebaSides } from './readCelebaSides.ts';
import { alignedCelebaLoader, type CelebaImages } from './alignedCelebaLoader.ts';

/**
 * CelebA's layout (or the synthetic set, which is CelebA's aligned layout plus factors.csv) as
 * an ImageSource. Synthetic faces are drawn on the template already and are only resized;
 * real CelebA images are aligned by their 5 landmarks (docs/data.md "CelebA").
 */
export async function openCeleba(dir: string, options: DatasetOptions): Promise<ImageSource> {
  const split = options.split ?? DATASET_DEFAULTS.split;
  const { ids, attribute } = await readCelebaSides(dir, options.attribute, split);
  const synthetic = existsSync(path.join(dir, SYNTH_FILES.factors));
  const size = options.imageSize;
  if (synthetic) {
    const folder = path.join(dir, CELEBA_FILES.alignedImages);
    return {
      layout: 'synthetic', imageSize: size, attribute, split, ids,
      load: async (id) => (await readRgb(path.join(folder, id), size)).data,
    };
  }
  const images = celebaImages(dir, options.celebaImages);
  const load = await alignedCelebaLoader(dir, size, images, [...ids.with, ...ids.without]);
  return { layout: 'celeba', imageSize: size, attribute, split, ids, load };
}

/** Aligned images when present (smaller, faster), unless the caller asks for the in-the-wild ones. */
function celebaImages(dir: string, wanted: CelebaImages | undefined): CelebaImages {
  const has = { aligned: existsSync(path.join(dir, CELEBA_FILES.alignedImages)), wild: existsSync(path.join(dir, CELEBA_FILES.wildImages)) };
  if (wanted !== undefined) {
    if (!has[wanted]) throw new DataError(`${dir}: ${wanted} images were requested, but there is no folder ${wanted === 'aligned' ? CELEBA_FILES.alignedImages : CELEBA_FILES.wildImages}/`);
    return wanted;
  }
  if (has.aligned) return 'aligned';
  if (has.wild) return 'wild';
  throw new DataError(`${dir}: expected a folder ${CELEBA_FILES.alignedImages}/ or ${CELEBA_FILES.wildImages}/ next to ${CELEBA_FILES.attributes}`);
}
