import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { inceptionFeatures } from './featureNetworks.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

/** A stand-in for user-supplied Inception weights: a tfjs layers model (8x8x3 -> 5 features) on disk. */
async function saveTinyModel(dir: string): Promise<void> {
  const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 3] }), tf.layers.dense({ units: 5, kernelInitializer: 'ones', useBias: false })] });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      await writeFile(path.join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
      const json = { format: 'layers-model', modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] };
      await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
}

test('inceptionFeatures: reads the user model and genegan-features.json (input size, range); features are [N, D]', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'genegan-inception-'));
  try {
    await saveTinyModel(dir);
    await writeFile(path.join(dir, 'genegan-features.json'), JSON.stringify({ inputSize: 8, inputRange: [0, 2] }));
    const net = await inceptionFeatures(dir);
    assert.equal(net.name, 'FID');
    assert.equal(net.dim, 5);
    const before = tf.memory().numTensors;
    const images = tf.fill([2, 16, 16, 3], 0.5) as tf.Tensor4D;
    const f = net.features(images);
    // resized to 8x8 (still 0.5), scaled to [0, 2] -> 1.0; all-ones kernel sums 8*8*3 inputs -> 192
    assert.deepEqual(f.shape, [2, 5]);
    (f.arraySync() as number[][]).flat().forEach((x) => assert.ok(Math.abs(x - 192) < 1e-3, `got ${x}`));
    tf.dispose([images, f]);
    assert.equal(tf.memory().numTensors, before);
    net.dispose();
    await writeFile(path.join(dir, 'genegan-features.json'), JSON.stringify({ inputRange: [0] }));
    await assert.rejects(inceptionFeatures(dir), /genegan-features\.json: inputRange: expected \[low, high\], but got \[0\]/);
    await assert.rejects(inceptionFeatures(path.join(dir, 'missing')), /cannot read model file .*model\.json/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
