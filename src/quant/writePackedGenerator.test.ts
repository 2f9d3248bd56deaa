import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { presetConfig } from '../model/presets.ts';
import { PACKED_DATA_FILE, PACKED_INDEX_FILE } from './constants.ts';
import { fakeQuantWeight } from './fakeQuantWeight.ts';
import { quantizeGenerator } from './quantizeGenerator.ts';
import { readGeneratorWeights } from './readGeneratorWeights.ts';
import { readPackedGenerator } from './readPackedGenerator.ts';
import { unpackGenerator } from './unpackGenerator.ts';
import { writePackedGenerator } from './writePackedGenerator.ts';
import type { HostTensor, QuantConfig } from './types.ts';

let dir = '';
before(async () => {
  await selectBackend({ log: () => {} });
  dir = await mkdtemp(path.join(tmpdir(), 'genegan-packed-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function generatorWeights(preset: string): Map<string, HostTensor> {
  const model = createGenegan(presetConfig(preset), { seed: 4, critics: false });
  const weights = readGeneratorWeights(model);
  model.dispose();
  return weights;
}

const floatBytes = (w: Map<string, HostTensor>) => [...w.values()].reduce((s, t) => s + t.values.byteLength, 0);

test('packed round trip is exact and matches the fake-quant forward values', async () => {
  const weights = generatorWeights('tiny');
  const quant: QuantConfig = { method: 'balanced', wbits: 3, abits: 4, floatFirstLast: true };
  const packed = quantizeGenerator(weights, presetConfig('tiny'), quant);
  assert.ok(!packed.kernels.has('encoder/conv1/kernel') && packed.floats.has('encoder/conv1/kernel'), 'first layer stays float');
  await writePackedGenerator(path.join(dir, 'rt'), packed);
  const back = await readPackedGenerator(path.join(dir, 'rt'));
  assert.deepEqual(back.quant, quant);
  assert.deepEqual([...back.kernels.keys()].sort(), [...packed.kernels.keys()].sort());
  for (const [name, k] of packed.kernels) assert.deepEqual(back.kernels.get(name), k, name);
  for (const [name, f] of packed.floats) assert.deepEqual(back.floats.get(name), f, name);
  const before = tf.memory().numTensors;
  const values = unpackGenerator(back);
  for (const name of packed.kernels.keys()) {
    const w = weights.get(name) as HostTensor;
    const t = tf.tensor(w.values, w.shape);
    const q = fakeQuantWeight(t, 'balanced', 3);
    assert.deepEqual(values.get(name)?.values, q.dataSync(), `${name}: unpacked == fakeQuantWeight`);
    tf.dispose([t, q]);
  }
  assert.equal(tf.memory().numTensors, before);
});

test('a 4-bit compact64 generator file is at most 1/7 of the float32 weights', async () => {
  const weights = generatorWeights('compact64');
  const packed = quantizeGenerator(weights, presetConfig('compact64'), { method: 'balanced', wbits: 4, abits: 4, floatFirstLast: true });
  const total = await writePackedGenerator(path.join(dir, 'size'), packed);
  const onDisk = (await stat(path.join(dir, 'size', PACKED_DATA_FILE))).size + (await stat(path.join(dir, 'size', PACKED_INDEX_FILE))).size;
  assert.equal(total, onDisk);
  assert.ok(onDisk * 7 <= floatBytes(weights), `packed ${onDisk} B vs float ${floatBytes(weights)} B`);
});

test('corrupt packed files give clear errors naming the file and field', async () => {
  const sub = path.join(dir, 'bad');
  const weights = generatorWeights('tiny');
  await writePackedGenerator(sub, quantizeGenerator(weights, presetConfig('tiny'), { method: 'uniform', wbits: 2, abits: 32, floatFirstLast: false }));
  const indexFile = path.join(sub, PACKED_INDEX_FILE);
  const good = await readFile(indexFile, 'utf8');
  await assert.rejects(readPackedGenerator(path.join(dir, 'missing')), /packed\.json: expected a packed-generator file, but it does not exist/);
  await writeFile(indexFile, good.slice(0, 40));
  await assert.rejects(readPackedGenerator(sub), /packed\.json: expected JSON, but it does not parse/);
  const index = JSON.parse(good);
  await writeFile(indexFile, JSON.stringify({ ...index, formatVersion: 9 }));
  await assert.rejects(readPackedGenerator(sub), /formatVersion: expected 1, but got 9/);
  index.tensors[0].byteLength += 1;
  await writeFile(indexFile, JSON.stringify(index));
  await assert.rejects(readPackedGenerator(sub), /tensors\[0\]\.byteLength: expected \d+ for "encoder\/conv1\/kernel"/);
  index.tensors[0].byteLength -= 1;
  index.tensors[0].byteOffset = 1e9;
  await writeFile(indexFile, JSON.stringify(index));
  await assert.rejects(readPackedGenerator(sub), /tensors\[0\]\.byteOffset: expected a range inside the \d+-byte data file/);
});
