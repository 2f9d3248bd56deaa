import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { loadModel } from '../model/loadModel.ts';
import { presetConfig } from '../model/presets.ts';
import { createArrayDataset } from '../../test/helpers/createArrayDataset.ts';
import { drawToyFaces } from '../../test/helpers/drawToyFaces.ts';
import { recipeByName } from '../train/recipes.ts';
import { train } from '../train/train.ts';
import { quantizeModel } from '../model/quantize.ts';
import { relativeError } from '../quant/fakeQuant.ts';
import type { QuantConfig } from '../quant/types.ts';

let dir = '';
before(async () => {
  await selectBackend({ log: () => {} });
  dir = await mkdtemp(path.join(tmpdir(), 'genegan-qat-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Every layer quantized, so the loss can only fall through the straight-through gradients.
const quant: QuantConfig = { method: 'balanced', wbits: 4, abits: 4, floatFirstLast: false };
const ITERATIONS = 30;
/**
 * The fast recipe as an autoencoder with nulling (no adversarial / parallelogram terms) and a 10x
 * learning rate: a few dozen iterations then show whether QAT learns, independent of GAN noise.
 */
const recipe = recipeByName('fast', {
  generatorOptimizer: { kind: 'adam', learningRate: 2e-3, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 },
  weights: { nulling: 1, reconstruction: 1, adversarial: 0, parallelogram: 0, weightDecay: 0 },
});

test('a tiny model trains with 4-bit balanced QAT, and its packed form equals the QAT forward', async () => {
  const size = presetConfig('tiny').imageSize;
  const dataset = createArrayDataset({ with: drawToyFaces(12, size, true, 1), without: drawToyFaces(12, size, false, 2) }, 3);
  const reconstruction: number[] = [];
  const out = path.join(dir, 'qat');
  await train({
    model: { ...presetConfig('tiny'), quant },
    recipe,
    dataset,
    runDir: path.join(dir, 'run'),
    outDir: out,
    iterations: ITERATIONS,
    batchSize: 4,
    checkpointEvery: ITERATIONS,
    sampleEvery: ITERATIONS,
    onIteration: ({ losses }) => reconstruction.push(losses.generator.reconstructionAu + losses.generator.reconstructionB0),
  });
  await dataset.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(reconstruction.slice(0, 5));
  const last = mean(reconstruction.slice(-5));
  assert.ok(Number.isFinite(last) && last < 0.85 * first, `reconstruction ${first} -> ${last}`);

  const { model: qat } = await loadModel(out);
  assert.deepEqual(qat.config.quant, quant);
  await quantizeModel({ model: out, out: path.join(dir, 'packed'), quant, engine: 'lowbit' });
  const { model: packed } = await loadModel(path.join(dir, 'packed'));
  const before = tf.memory().numTensors;
  const images = drawToyFaces(2, size, true, 9) as Tensor4D;
  const forward = (m: typeof qat) => tf.tidy(() => {
    const { background, object } = m.encode(images, false);
    return m.decode(background, object, false);
  });
  const want = forward(qat);
  const got = forward(packed);
  assert.ok(relativeError(got, want) <= 1e-4, `packed vs QAT forward: ${relativeError(got, want)}`);
  tf.dispose([images, want, got]);
  assert.equal(tf.memory().numTensors, before);
  qat.dispose();
  packed.dispose();
});
