import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../tf.ts';
import { maxRelativeError, randomHost, readyWasmAndCpu, runOn } from '../../../test/helpers/compareBackends.ts';
import type { WasmBackend } from './types.ts';

const TOLERANCE = 1e-4;

test('BatchMatMul on wasm matches cpu for every transpose combination, with batch and broadcast', async () => {
  await readyWasmAndCpu();
  const cases: Array<{ a: number[]; b: number[]; ta: boolean; tb: boolean }> = [
    { a: [5, 7], b: [7, 3], ta: false, tb: false },
    { a: [7, 5], b: [7, 3], ta: true, tb: false },
    { a: [5, 7], b: [3, 7], ta: false, tb: true },
    { a: [7, 5], b: [3, 7], ta: true, tb: true },
    { a: [4, 9, 6], b: [4, 9, 2], ta: true, tb: false },
    { a: [1, 6, 9], b: [3, 2, 9], ta: false, tb: true },
  ];
  cases.forEach((c, i) => {
    const run = (backend: 'wasm' | 'cpu') =>
      runOn(backend, [randomHost(c.a, 1 + i), randomHost(c.b, 50 + i)], (a, b) => tf.matMul(a, b, c.ta, c.tb));
    const err = maxRelativeError(run('wasm')[0], run('cpu')[0]);
    assert.ok(err <= TOLERANCE, `case ${i} ${JSON.stringify(c)}: relative error ${err}`);
  });
});

test('BatchMatMul with transposed operands leaks nothing', async () => {
  await readyWasmAndCpu();
  const backend = tf.backend() as unknown as WasmBackend;
  const a = tf.randomNormal([6, 4]), b = tf.randomNormal([5, 6]);
  const before = { tensors: tf.memory().numTensors, data: backend.numDataIds() };
  tf.tidy(() => tf.matMul(a, b, true, true).dataSync());
  assert.equal(tf.memory().numTensors, before.tensors);
  assert.equal(backend.numDataIds(), before.data);
  tf.dispose([a, b]);
});
