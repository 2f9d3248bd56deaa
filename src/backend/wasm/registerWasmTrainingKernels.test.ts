import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../tf.ts';
import { readyWasmAndCpu } from '../../../test/helpers/compareBackends.ts';
import { ADDED_KERNELS, REPLACED_KERNELS, WASM_BACKEND } from './constants.ts';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels.ts';

test('registerWasmTrainingKernels registers every added and replaced kernel, idempotently', async () => {
  await readyWasmAndCpu(); // selectBackend has called it once already
  const expected = [...ADDED_KERNELS, ...REPLACED_KERNELS].sort();
  const first = registerWasmTrainingKernels();
  const second = registerWasmTrainingKernels();
  assert.deepEqual([...first].sort(), expected);
  assert.deepEqual(second, first);
  for (const name of expected) assert.ok(tf.getKernel(name, WASM_BACKEND) !== undefined, `${name} registered`);
  // Repeated registration must not wrap our kernel around itself (which would recurse).
  const product = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([2, 3]), true, false).dataSync());
  assert.deepEqual(Array.from(product), new Array(9).fill(2));
});
