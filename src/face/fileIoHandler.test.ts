import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { fileIoHandler } from './fileIoHandler.ts';
import { humanModelDir } from './faceMesh.ts';

await selectBackend({ log: () => {} });

const dir = mkdtempSync(path.join(tmpdir(), 'genegan-face-io-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A one-op graph model y = x + w with w = [1, 2] stored in a shard next to model.json. */
function writeTinyModel(weights: Float32Array): string {
  const topology = {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '2' }] } } } },
      { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }] } } } } },
      { name: 'y', op: 'AddV2', input: ['x', 'w'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    versions: { producer: 1 },
  };
  const manifest = [{ paths: ['tiny.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] }];
  writeFileSync(path.join(dir, 'tiny.json'), JSON.stringify({ format: 'graph-model', modelTopology: topology, weightsManifest: manifest }));
  writeFileSync(path.join(dir, 'tiny.bin'), Buffer.from(weights.buffer));
  return path.join(dir, 'tiny.json');
}

test('loads a graph model from disk that runs, and frees it', async () => {
  const before = tf.memory().numTensors;
  const model = await tf.loadGraphModel(fileIoHandler(writeTinyModel(new Float32Array([1, 2]))));
  const x = tf.tensor1d([10, 20]);
  const y = model.execute(x) as tf.Tensor;
  assert.deepEqual(Array.from(y.dataSync()), [11, 22]);
  tf.dispose([x, y]);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('the shipped facemesh and blazeface weights load with the sizes their manifests promise', async () => {
  for (const file of ['facemesh.json', 'blazeface.json']) {
    const artifacts = await fileIoHandler(path.join(humanModelDir(), file)).load();
    assert.ok((artifacts.weightData as ArrayBuffer).byteLength > 100_000, file);
    assert.ok(artifacts.weightSpecs!.length > 10);
  }
});

test('missing files, broken JSON and short weights give clear errors', async () => {
  await assert.rejects(fileIoHandler(path.join(dir, 'nope.json')).load(), /cannot read model file .*nope\.json \(ENOENT\); is the package that ships it installed\?/);
  writeFileSync(path.join(dir, 'bad.json'), '{"modelTopology": ');
  await assert.rejects(fileIoHandler(path.join(dir, 'bad.json')).load(), /bad\.json: expected a tfjs model\.json, but it is not valid JSON/);
  writeFileSync(path.join(dir, 'keys.json'), '{"hello": 1}');
  await assert.rejects(fileIoHandler(path.join(dir, 'keys.json')).load(), /expected a tfjs model\.json with "modelTopology" and a "weightsManifest" array, but got keys hello/);
  const tiny = writeTinyModel(new Float32Array([1]));
  await assert.rejects(fileIoHandler(tiny).load(), /tiny\.json: expected 8 bytes of weights from its manifest, but the shards hold 4/);
});

test('an edit hook can rewrite the artifacts before tfjs sees them', async () => {
  const handler = fileIoHandler(writeTinyModel(new Float32Array([1, 2])), (a) => ({ ...a, weightData: new Float32Array([5, 5]).buffer }));
  const model = await tf.loadGraphModel(handler);
  const y = tf.tidy(() => (model.execute(tf.tensor1d([0, 1])) as tf.Tensor).dataSync());
  assert.deepEqual(Array.from(y), [5, 6]);
  model.dispose();
});
