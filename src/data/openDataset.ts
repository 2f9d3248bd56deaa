import { IMAGE_SIZES } from './constants.ts';
import { createPairedDataset } from './createPairedDataset.ts';
import { DataError } from './dataError.ts';
import { detectLayout } from './detectLayout.ts';
import { openCeleba } from './celeba/openCeleba.ts';
import type { DatasetOptions, ImageSource, OpenedDataset, PairedDataset } from './types.ts';

const SPLITS = ['train', 'val', 'test'];

/**
 * Opens a dataset folder of any supported layout (detected from its files) as two endless
 * shuffled streams of aligned faces: "with" and "without" the attribute.
 * Batches are NHWC float32 [batch, imageSize, imageSize, 3] in [0, 1] (see PairedDataset.next).
 */
export async function openDataset(dir: string, options: DatasetOptions): Promise<OpenedDataset> {
  checkOptions(options);
  const layout = detectLayout(dir);
  return createPairedDataset(await openSource(dir, layout, options), options);
}

async function openSource(dir: string, layout: PairedDataset['layout'], options: DatasetOptions): Promise<ImageSource> {
  switch (layout) {
    case 'celeba':
    case 'synthetic':
      return openCeleba(dir, options);
    case 'multipie':
      return (await import('./multipie/openMultipie.ts')).openMultipie(dir, options);
    case 'folder':
      return (await import('./folder/openFolder.ts')).openFolder(dir, options);
  }
}

function checkOptions(o: DatasetOptions): void {
  if (!(IMAGE_SIZES as readonly number[]).includes(o.imageSize)) {
    throw new DataError(`expected imageSize ${IMAGE_SIZES.join(' or ')}, but got ${o.imageSize}`);
  }
  if (o.split !== undefined && !SPLITS.includes(o.split)) throw new DataError(`expected split train|val|test, but got "${o.split}"`);
  for (const key of ['prefetch', 'cacheSize'] as const) {
    const v = o[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new DataError(`expected ${key} to be an integer >= 0, but got ${v}`);
  }
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new DataError(`expected an integer seed, but got ${o.seed}`);
}
