import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../tf.ts';
import { maxRelativeError, randomHost, readyWasmAndCpu, runOn } from '../../../test/helpers/compareBackends.ts';
import { FILTER_GRAD_ENV } from './constants.ts';
import { chooseFilterGradMethod } from './conv2DBackpropFilter.ts';
import type { FilterGradMethod, WasmBackend } from './types.ts';

type Pad = 'same' | 'valid';
interface Case { x: [number, number, number, number]; kernel: [number, number]; co: number; stride: number | [number, number]; pad: Pad }

// Strides 1 and 2 (and mixed), SAME and VALID, odd sizes (VALID leaves rows unused), batch 1 and 5.
const CASES: Case[] = [
  { x: [1, 8, 8, 3], kernel: [4, 4], co: 5, stride: 2, pad: 'same' },
  { x: [5, 7, 9, 4], kernel: [3, 3], co: 6, stride: 2, pad: 'same' },
  { x: [5, 9, 8, 2], kernel: [4, 4], co: 3, stride: 2, pad: 'valid' },
  { x: [1, 7, 7, 3], kernel: [3, 2], co: 4, stride: 1, pad: 'valid' },
  { x: [5, 6, 5, 3], kernel: [4, 4], co: 2, stride: 1, pad: 'same' },
  { x: [1, 11, 10, 2], kernel: [5, 3], co: 3, stride: [3, 2], pad: 'same' },
  { x: [1, 16, 16, 3], kernel: [4, 4], co: 64, stride: 2, pad: 'same' },
];
const METHODS: FilterGradMethod[] = ['dilated', 'im2col'];
const TOLERANCE = 1e-4;

function withMethod<T>(method: FilterGradMethod | undefined, fn: () => T): T {
  const saved = process.env[FILTER_GRAD_ENV];
  if (method === undefined) delete process.env[FILTER_GRAD_ENV];
  else process.env[FILTER_GRAD_ENV] = method;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env[FILTER_GRAD_ENV];
    else process.env[FILTER_GRAD_ENV] = saved;
  }
}

test('Conv2DBackpropFilter on wasm matches cpu with both methods (conv2d filter gradient)', async () => {
  await readyWasmAndCpu();
  CASES.forEach((c, i) => {
    const filterShape = [...c.kernel, c.x[3], c.co];
    const x = randomHost(c.x, 10 + i);
    const dy = randomHost(tf.backend_util.computeConv2DInfo(c.x, filterShape as never, c.stride, 1, c.pad).outShape, 20 + i);
    const w = randomHost(filterShape, 30 + i);
    const gradOf = (xT: tf.Tensor, dyT: tf.Tensor, wT: tf.Tensor) =>
      tf.grad((k: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xT as tf.Tensor4D, k as tf.Tensor4D, c.stride, c.pad), dyT)))(wT);
    const cpu = runOn('cpu', [x, dy, w], gradOf)[0];
    for (const method of METHODS) {
      const wasm = withMethod(method, () => runOn('wasm', [x, dy, w], gradOf))[0];
      const err = maxRelativeError(wasm, cpu);
      assert.ok(err <= TOLERANCE, `${method} case ${i} ${JSON.stringify(c)}: relative error ${err}`);
    }
  });
});

test('Conv2DBackpropFilter picks im2col only for short patches next to many output channels', () => {
  withMethod(undefined, () => {
    assert.equal(chooseFilterGradMethod([4, 4, 3, 128]), 'im2col');
    assert.equal(chooseFilterGradMethod([4, 4, 3, 32]), 'dilated');
    assert.equal(chooseFilterGradMethod([4, 4, 64, 128]), 'dilated');
  });
  withMethod('im2col', () => assert.equal(chooseFilterGradMethod([4, 4, 64, 128]), 'im2col'));
});

test('Conv2DBackpropFilter leaks neither tensors nor wasm buffers', async () => {
  await readyWasmAndCpu();
  const backend = tf.backend() as unknown as WasmBackend;
  const x = tf.randomNormal([2, 9, 9, 3]) as tf.Tensor4D;
  const w = tf.randomNormal([4, 4, 3, 8]) as tf.Tensor4D;
  const before = { tensors: tf.memory().numTensors, data: backend.numDataIds() };
  for (const method of METHODS) {
    withMethod(method, () => tf.tidy(() => {
      tf.grad((k: tf.Tensor) => tf.sum(tf.conv2d(x, k as tf.Tensor4D, 2, 'valid')))(w).dataSync();
    }));
  }
  assert.equal(tf.memory().numTensors, before.tensors);
  assert.equal(backend.numDataIds(), before.data);
  tf.dispose([x, w]);
});
