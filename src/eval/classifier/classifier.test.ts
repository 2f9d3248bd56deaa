import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { drawBarFace, fakeDataset } from '../../../test/helpers/fakeDataset.ts';
import { attributeBatches, heldOutAttributeBatches } from './batches.ts';
import { classifierAccuracy, trainClassifier } from './trainClassifier.ts';
import { classProbabilities, classify, createClassifier, featureSize } from './network.ts';
import { loadClassifier, saveClassifier } from './classifierFiles.ts';

const SIZE = 16;
const config = { inputSize: SIZE, width: 4, heads: [{ name: 'Fake', labels: ['without', 'with'] }] };

before(async () => {
  await selectBackend({ log: () => {} });
});

test('classifier: outputs features [N, 4w] and logits per head; probabilities sum to 1; any input size', () => {
  const c = createClassifier(config, 1);
  const before = tf.memory().numTensors;
  const images = tf.randomUniform([3, 24, 24, 3]) as tf.Tensor4D;
  const out = classify(c, images);
  assert.deepEqual(out.features.shape, [3, featureSize(config)]);
  assert.deepEqual(out.logits.Fake.shape, [3, 2]);
  const probs = classProbabilities(c, images);
  const sums = tf.tidy(() => probs.Fake.sum(1).arraySync() as number[]);
  sums.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5));
  tf.dispose([images, out.features, out.logits.Fake, probs.Fake]);
  assert.equal(tf.memory().numTensors, before);
  c.dispose();
});

test('classifier: learns a visible attribute (held-out accuracy >= 0.9) without leaking tensors', async () => {
  const train = fakeDataset(SIZE, { with: 64, without: 64 }, drawBarFace(SIZE));
  const heldOut = fakeDataset(SIZE, { with: 20, without: 20 }, (side, i, px) => drawBarFace(SIZE)(side, i + 1000, px));
  const c = createClassifier(config, 2);
  const before = tf.memory().numTensors;
  const loss = await trainClassifier(c, attributeBatches(train, 'Fake', 16), { steps: 60, learningRate: 3e-3 });
  const { images, accuracy } = await classifierAccuracy(c, heldOutAttributeBatches(heldOut, 'Fake', 20, 8));
  assert.equal(images, 40);
  assert.ok(accuracy.Fake >= 0.9, `held-out accuracy ${accuracy.Fake}, final loss ${loss}`);
  assert.equal(tf.memory().numTensors, before);
  c.dispose();
});

test('classifier: save/load round trip gives the same outputs; corrupt files give clear errors', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'genegan-clf-'));
  try {
    const c = createClassifier(config, 3);
    const meta = {
      kind: 'attribute' as const, attribute: 'Fake',
      training: { steps: 0, batchSize: 0, learningRate: 0, seed: 3, seconds: 0, data: 'none', backend: 'test' },
      heldOut: { split: 'val', images: 0, accuracy: { Fake: 0.5 } },
    };
    await saveClassifier(dir, c, meta);
    const { classifier: loaded, manifest } = await loadClassifier(dir);
    assert.equal(manifest.heldOut.accuracy.Fake, 0.5);
    const x = tf.randomUniform([2, SIZE, SIZE, 3]) as tf.Tensor4D;
    const a = classify(c, x);
    const b = classify(loaded, x);
    assert.deepEqual(a.logits.Fake.arraySync(), b.logits.Fake.arraySync());
    tf.dispose([x, a.features, a.logits.Fake, b.features, b.logits.Fake]);
    c.dispose();
    loaded.dispose();

    const manifestFile = path.join(dir, 'manifest.json');
    const good = await readFile(manifestFile, 'utf8');
    await writeFile(manifestFile, good.slice(0, 40));
    await assert.rejects(loadClassifier(dir), /manifest\.json: expected JSON, but parsing failed/);
    await writeFile(manifestFile, good.replace('"formatVersion": 1', '"formatVersion": 9'));
    await assert.rejects(loadClassifier(dir), /expected formatVersion 1, but got 9/);
    await writeFile(manifestFile, good);
    await writeFile(path.join(dir, 'weights.bin'), Buffer.alloc(10));
    await assert.rejects(loadClassifier(dir), /weights\.bin: expected \d+ bytes .* but got 10/);
    await assert.rejects(loadClassifier(path.join(dir, 'missing')), /cannot read the classifier manifest \(ENOENT\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
