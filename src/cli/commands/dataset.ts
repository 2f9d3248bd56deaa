import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { openDataset } from '../../data/openDataset.ts';
import { encodeImage } from '../../data/imageFiles.ts';
import type { OpenedDataset, Split } from '../../data/types.ts';
import { tileImages } from '../../model/images.ts';
import { UsageError, type CliCommand } from '../types.ts';

/** Faces per side in the --samples grid (one row each). */
const SAMPLES = 8;

export const command: CliCommand = {
  name: 'dataset',
  summary: 'inspect a dataset folder: layout, sides, counts, and a sample grid',
  usage: `usage: genegan dataset DIR [--attribute NAME] [--size 64|128] [--split train|val|test]
                      [--camera 05_1] [--detect-faces] [--samples FILE.png] [--seed S] [--json]

Opens DIR the way training does (layout detected: synthetic, CelebA, Multi-PIE, folder) and
prints its layout, the attribute that splits it, and how many images each side has.
  --attribute NAME   CelebA/synthetic column, case-insensitive (e.g. Eyeglasses)
  --size 64|128      aligned face size (default 64)
  --split S          train (default), val or test
  --camera C         Multi-PIE: keep one camera
  --detect-faces     folder layout: detect and align faces in the photos
  --samples FILE     also write ${SAMPLES} "with" faces (top row) and ${SAMPLES} "without" faces as a PNG
  --json             print the summary as JSON`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        attribute: { type: 'string' },
        size: { type: 'string', default: '64' },
        split: { type: 'string', default: 'train' },
        camera: { type: 'string' },
        'detect-faces': { type: 'boolean', default: false },
        samples: { type: 'string' },
        seed: { type: 'string', default: '0' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one dataset folder, but got ${positionals.length} arguments`);
    const size = Number(values.size);
    if (size !== 64 && size !== 128) throw new UsageError(`expected --size 64 or 128, but got "${values.size}"`);
    await selectBackend({ log: () => {} });
    const ds = await openDataset(positionals[0], {
      attribute: values.attribute, imageSize: size, split: values.split as Split, seed: Number(values.seed),
      detectFaces: values['detect-faces'], multipie: values.camera ? { camera: values.camera } : undefined,
    });
    try {
      if (values.samples) await writeFile(values.samples, await sampleGrid(ds));
      const summary = { layout: ds.layout, attribute: ds.attribute, split: ds.split, imageSize: ds.imageSize, counts: ds.counts, skipped: ds.skipped };
      process.stdout.write(
        values.json
          ? JSON.stringify(summary) + '\n'
          : `${ds.layout}: ${ds.attribute}, ${ds.split} split: ${ds.counts.with} with, ${ds.counts.without} without` +
              `${ds.skipped ? `, ${ds.skipped} unreadable skipped` : ''}${values.samples ? `; samples in ${values.samples}` : ''}\n`,
      );
    } finally {
      await ds.close();
    }
    return 0;
  },
};

/** One row of "with" faces over one row of "without" faces, as a PNG. */
async function sampleGrid(ds: OpenedDataset): Promise<Buffer> {
  const withFaces = await ds.next('with', Math.min(SAMPLES, ds.counts.with));
  const without = await ds.next('without', Math.min(SAMPLES, ds.counts.without));
  const grid = tf.tidy(() => tileImages(tf.concat([padTo(withFaces), padTo(without)], 0) as Tensor4D, SAMPLES));
  tf.dispose([withFaces, without]);
  try {
    return await encodeImage(grid, 'png');
  } finally {
    grid.dispose();
  }
}

/** Fills a short side up to SAMPLES with white so each side keeps its own row. */
function padTo(batch: Tensor4D): Tensor4D {
  const missing = SAMPLES - batch.shape[0];
  if (missing === 0) return batch;
  const [, h, w, c] = batch.shape;
  return tf.concat([batch, tf.ones([missing, h, w, c])], 0) as Tensor4D;
}
