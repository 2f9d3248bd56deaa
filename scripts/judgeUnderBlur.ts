/**
 * How much of the factor judge's verdict survives blur alone (docs/bundled-models.md, glasses type):
 * the factors classifier on held-out "with" images, sharp and Gaussian-blurred at a few sigmas, with
 * the PSNR each blur costs. Compared with the judge on the reconstructions Au' at the same PSNR, it
 * tells whether a reconstruction loses the glasses type to blur or to a wrong shape.
 *   node --import tsx scripts/judgeUnderBlur.ts [CLASSIFIER_DIR] [DATA] [ATTRIBUTE] [COUNT]
 */
import path from 'node:path';
import { tf, type Tensor4D } from '../src/backend/tf.ts';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { openDataset } from '../src/data/openDataset.ts';
import { classifierAccuracy } from '../src/eval/classifier/classifierAccuracy.ts';
import { heldOutFactorBatches } from '../src/eval/classifier/factorBatches.ts';
import { loadClassifier } from '../src/eval/classifier/loadClassifier.ts';
import { gaussianWindow } from '../src/eval/gaussianWindow.ts';
import { psnr } from '../src/eval/psnr.ts';
import { readFactors } from '../src/eval/readFactors.ts';
import type { LabelledBatch } from '../src/eval/classifier/trainClassifier.ts';

const [dir = 'runs/bundled/classifiers/eyeglasses-factors', data = 'data/synth-test-s7', attribute = 'Eyeglasses', countArg = '300'] = process.argv.slice(2);
const SIGMAS = [0, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5];
const WINDOW = 7;
const BATCH = 50;

await selectBackend({ log: () => {} });
const { classifier } = await loadClassifier(dir);
const heads = classifier.config.heads;
const table = await readFactors(path.join(data, 'factors.csv'), heads.map((h) => h.name));
const ds = await openDataset(data, { attribute, imageSize: classifier.config.inputSize, split: 'test', seed: 0, flip: false });
const count = Math.min(Number(countArg), ds.counts.with);

/** Depthwise Gaussian blur of NHWC [N,S,S,3] in [0,1], edges replicated (no dark border). */
function blur(images: Tensor4D, sigma: number): Tensor4D {
  if (sigma === 0) return images.clone();
  return tf.tidy(() => {
    const w = tf.tensor4d(gaussianWindow(WINDOW, sigma), [WINDOW, WINDOW, 1, 1]).tile([1, 1, 3, 1]) as tf.Tensor4D;
    const half = (WINDOW - 1) / 2;
    const padded = tf.mirrorPad(images, [[0, 0], [half, half], [half, half], [0, 0]], 'symmetric');
    return tf.depthwiseConv2d(padded, w, 1, 'valid');
  });
}

/** The held-out batches blurred (the originals disposed), adding each image's PSNR to `psnrSum`. */
async function* blurredBatches(sigma: number, psnrSum: { total: number }): AsyncGenerator<LabelledBatch> {
  for await (const batch of heldOutFactorBatches(ds, table, heads, count, BATCH)) {
    const blurred = blur(batch.images, sigma);
    const p = psnr(blurred, batch.images);
    psnrSum.total += ((await p.data()) as Float32Array).reduce((a, b) => a + b, 0);
    tf.dispose([batch.images, p]);
    yield { images: blurred, labels: batch.labels };
  }
}

console.log(`${dir} on ${count} held-out "${attribute}" images of ${data}`);
console.log(['sigma', 'PSNR dB', ...heads.map((h) => h.name)].join('\t'));
for (const sigma of SIGMAS) {
  const psnrSum = { total: 0 };
  const { accuracy } = await classifierAccuracy(classifier, blurredBatches(sigma, psnrSum));
  const psnrText = sigma === 0 ? '-' : (psnrSum.total / count).toFixed(2);
  console.log([sigma, psnrText, ...heads.map((h) => `${(100 * accuracy[h.name]).toFixed(1)}%`)].join('\t'));
}
await ds.close();
