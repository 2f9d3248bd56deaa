import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { createGenegan } from './createGenegan.ts';
import { presetConfig } from './presets.ts';
import { fakeQuantWeight } from '../quant/fakeQuant.ts';
import { PACKED_DATA_FILE, PACKED_INDEX_FILE, readPackedGenerator, writePackedGenerator } from '../quant/packed.ts';
import { quantizeGenerator, readGeneratorWeights } from './quantize.ts';
import { unpackGenerator } from './packed.ts';
import type { HostTensor, QuantConfig } from '../quant/types.ts';

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
