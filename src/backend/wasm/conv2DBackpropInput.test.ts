import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../tf.ts';
import { maxRelativeError, randomHost, readyWasmAndCpu, runOn, toHost } from '../../../test/helpers/compareBackends.ts';
import { phaseFilters } from './conv2DBackpropInput.ts';
import type { WasmBackend } from './types.ts';

type Pad = 'same' | 'valid';
interface Case { x: [number, number, number, number]; kernel: [number, number]; co: number; stride: number | [number, number]; pad: Pad }

// Strides 1, 2 (and mixed / 3), SAME and VALID, odd sizes, batch 1 and 5.
const CASES: Case[] = [
  { x: [1, 8, 8, 3], kernel: [4, 4], co: 5, stride: 2, pad: 'same' },
  { x: [5, 7, 9, 4], kernel: [3, 3], co: 6, stride: 2, pad: 'same' },
  { x: [5, 9, 7, 2], kernel: [4, 4], co: 3, stride: 2, pad: 'valid' },
  { x: [1, 7, 7, 3], kernel: [3, 2], co: 4, stride: 1, pad: 'valid' },
  { x: [5, 6, 5, 3], kernel: [4, 4], co: 2, stride: 1, pad: 'same' },
  { x: [1, 11, 10, 2], kernel: [5, 3], co: 3, stride: [3, 2], pad: 'same' },
  { x: [5, 6, 6, 2], kernel: [1, 1], co: 3, stride: 2, pad: 'same' },
  { x: [1, 16, 16, 24], kernel: [4, 4], co: 20, stride: 2, pad: 'same' },
];

const TOLERANCE = 1e-4;

function outShape(c: Case): number[] {
  const info = tf.backend_util.computeConv2DInfo(c.x, [...c.kernel, c.x[3], c.co], c.stride, 1, c.pad);
  return info.outShape;
}

test('Conv2DBackpropInput on wasm matches cpu (tf.conv2dTranspose and conv2d input gradient)', async () => {
  await readyWasmAndCpu();
  CASES.forEach((c, i) => {
    const filter = randomHost([...c.kernel, c.x[3], c.co], 100 + i);
    const dy = randomHost(outShape(c), 200 + i);
    const x = randomHost(c.x, 300 + i);
    const run = (backend: 'wasm' | 'cpu') =>
      runOn(backend, [dy, filter, x], (dyT, w, xT) => [
        tf.conv2dTranspose(dyT as tf.Tensor4D, w as tf.Tensor4D, c.x, c.stride, c.pad),
        tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad), dyT)))(xT),
      ]);
    const wasm = run('wasm'), cpu = run('cpu');
    for (let k = 0; k < wasm.length; k++) {
      const err = maxRelativeError(wasm[k], cpu[k]);
      assert.ok(err <= TOLERANCE, `case ${i} ${JSON.stringify(c)} output ${k}: relative error ${err}`);
    }
  });
});

test('Conv2DBackpropInput leaks no tensors and frees the phase filters of disposed kernels', async () => {
  await readyWasmAndCpu();
  const backend = tf.backend() as unknown as WasmBackend;
  const dy = tf.randomNormal([2, 4, 4, 6]) as tf.Tensor4D;
  phaseFilters.sweep(backend); // entries of earlier tests' (disposed) kernels
  const before = { tensors: tf.memory().numTensors, data: backend.numDataIds() };
  for (let i = 0; i < 3; i++) {
    const w = tf.randomNormal([4, 4, 3, 6]) as tf.Tensor4D;
    tf.tidy(() => tf.conv2dTranspose(dy, w, [2, 8, 8, 3], 2, 'same').dataSync());
    tf.tidy(() => tf.conv2dTranspose(dy, w, [2, 8, 8, 3], 2, 'same').dataSync());
    assert.equal(phaseFilters.size, 1, 'one cached phase filter per live kernel');
    w.dispose();
  }
  phaseFilters.sweep(backend);
  assert.equal(phaseFilters.size, 0);
  assert.equal(tf.memory().numTensors, before.tensors);
  assert.equal(backend.numDataIds(), before.data);
  dy.dispose();
});

test('a reshaped kernel (same data, other shape) gets its own phase filter', async () => {
  await readyWasmAndCpu();
  const w = tf.randomNormal([4, 4, 2, 6]) as tf.Tensor4D;
  const other = tf.reshape(w, [4, 4, 6, 2]) as tf.Tensor4D;
  const dyA = tf.randomNormal([1, 3, 3, 6]) as tf.Tensor4D;
  const dyB = tf.randomNormal([1, 3, 3, 2]) as tf.Tensor4D;
  const viaWasm = [tf.conv2dTranspose(dyA, w, [1, 6, 6, 2], 2, 'same'), tf.conv2dTranspose(dyB, other, [1, 6, 6, 6], 2, 'same')].map(toHost);
  const host = [w, dyA, dyB].map(toHost);
  const viaCpu = runOn('cpu', host, (wT, a, b) => [
    tf.conv2dTranspose(a as tf.Tensor4D, wT as tf.Tensor4D, [1, 6, 6, 2], 2, 'same'),
    tf.conv2dTranspose(b as tf.Tensor4D, tf.reshape(wT, [4, 4, 6, 2]) as tf.Tensor4D, [1, 6, 6, 6], 2, 'same'),
  ]);
  viaWasm.forEach((got, i) => assert.ok(maxRelativeError(got, viaCpu[i]) <= TOLERANCE, `output ${i}`));
  tf.dispose([w, other, dyA, dyB]);
});
