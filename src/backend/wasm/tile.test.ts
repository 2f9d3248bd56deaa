import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../tf.ts';
import { randomHost, readyWasmAndCpu, runOn } from '../../../test/helpers/compareBackends.ts';
import type { WasmBackend } from './types.ts';

test('Tile on wasm equals cpu exactly (float32 and int32, broadcast and interleaved repeats)', async () => {
  await readyWasmAndCpu();
  const cases: Array<{ shape: number[]; reps: number[]; dtype: 'float32' | 'int32' }> = [
    { shape: [1, 1, 1, 5], reps: [3, 4, 2, 1], dtype: 'float32' }, // batch norm's gradient
    { shape: [2, 3], reps: [3, 2], dtype: 'int32' },
    { shape: [2, 2, 3], reps: [2, 1, 3], dtype: 'float32' },
    { shape: [7], reps: [1], dtype: 'float32' },
    { shape: [3, 1, 2, 1], reps: [1, 5, 1, 7], dtype: 'float32' },
  ];
  cases.forEach((c, i) => {
    const run = (backend: 'wasm' | 'cpu') =>
      runOn(backend, [randomHost(c.shape, 7 + i)], (x) => tf.tile(tf.cast(tf.mul(x, 100), c.dtype), c.reps))[0];
    const wasm = run('wasm'), cpu = run('cpu');
    assert.deepEqual(wasm.shape, cpu.shape, `case ${i}`);
    assert.deepEqual(Array.from(wasm.values), Array.from(cpu.values), `case ${i} ${JSON.stringify(c)}`);
  });
});

test('Tile leaks nothing', async () => {
  await readyWasmAndCpu();
  const backend = tf.backend() as unknown as WasmBackend;
  const x = tf.randomNormal([1, 1, 1, 4]);
  const before = { tensors: tf.memory().numTensors, data: backend.numDataIds() };
  tf.tidy(() => tf.tile(x, [2, 3, 3, 1]).dataSync());
  assert.equal(tf.memory().numTensors, before.tensors);
  assert.equal(backend.numDataIds(), before.data);
  x.dispose();
});
