import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../tf.ts';
import { readyWasmAndCpu } from '../../../test/helpers/compareBackends.ts';
import { transposeMatrix } from './transposeMatrix.ts';
import type { WasmBackend } from './types.ts';

test('transposeMatrix equals tf.transpose and leaks nothing', async () => {
  await readyWasmAndCpu();
  const backend = tf.backend() as unknown as WasmBackend;
  const x = tf.randomNormal([37, 5]);
  const before = backend.numDataIds();
  const info = transposeMatrix(backend, { dataId: x.dataId, shape: x.shape, dtype: 'float32' }, 37, 5);
  const got = tf.engine().makeTensorFromTensorInfo(info);
  const want = tf.transpose(x);
  assert.deepEqual(Array.from(got.dataSync()), Array.from(want.dataSync()));
  assert.deepEqual(got.shape, [1, 5, 37]);
  tf.dispose([got, want]);
  assert.equal(backend.numDataIds(), before);
  x.dispose();
});
