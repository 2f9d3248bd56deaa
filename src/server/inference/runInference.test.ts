import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tf } from '../../backend/tf.ts';
import { loadModel } from '../../model/loadModel.ts';
import { saveTinyModel, tempDir } from '../../../test/support/tinyModel.ts';
import { inspectUpload } from '../upload/inspectUpload.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../constants.ts';
import { runInference } from './runInference.ts';
import type { InferenceTask } from './types.ts';

const sample = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../../public/samples', name)));

test('every op runs in-process with the documented outputs and no tensor leak over repeated runs', async (t) => {
  const dir = path.join(await saveTinyModel(tempDir(t)), 'tiny-eyeglasses');
  const loaded = await loadModel(dir);
  t.after(() => loaded.model.dispose());
  const deps = { model: async () => loaded, faces: async () => { throw new Error('align=none needs no faces'); } };
  const upload = (field: string, file: string) => inspectUpload(field, sample(file), DEFAULT_UPLOAD_LIMITS);
  const base = { model: { id: 'tiny', dir }, align: 'none' as const, faceIndex: null, format: 'png' as const, composite: 'replace' as const, maxPixels: DEFAULT_UPLOAD_LIMITS.maxPixels };
  const four = await Promise.all(['with-1.jpg', 'with-2.jpg', 'with-3.jpg', 'with-4.jpg'].map((f, i) => upload(`exemplar${i}`, f)));
  const tasks: InferenceTask[] = [
    { ...base, op: 'swap', images: [await upload('a', 'with-1.jpg'), await upload('b', 'without-1.jpg')] },
    { ...base, op: 'remove', images: [await upload('image', 'with-1.jpg')] },
    { ...base, op: 'transfer', strength: 0.5, images: [await upload('target', 'without-1.jpg'), await upload('exemplar', 'with-2.jpg')] },
    { ...base, op: 'transfer', weights: [0.1, 0.2, 0.3, 0.4], images: [await upload('target', 'without-1.jpg'), ...four] },
    { ...base, op: 'transfer', matrixSide: 3, images: [await upload('target', 'without-1.jpg'), ...four] },
  ];
  tasks.push(...tasks.map((task) => ({ ...task, composite: 'residual' as const })));
  const expected = [['A0', 'Bu'], ['A0'], ['Bu'], ['Bu'], []];
  const first = await Promise.all(tasks.map((task) => runInference(task, deps)));
  first.forEach((r, i) => assert.deepEqual(Object.keys(r.outputs).sort(), expected[i % 5], `op ${i}`));
  const crop = await sharp(first[0].outputs.Bu.crop).metadata();
  assert.deepEqual([crop.width, crop.height, crop.format], [64, 64, 'png']);
  assert.equal(first[0].outputs.Bu.mask, null, 'replace has no change mask');
  assert.equal(first[4].matrix!.cells.length, 9);
  assert.deepEqual(first[4].matrix!.cells[4].weights, [0.25, 0.25, 0.25, 0.25]);
  // Residual with align none answers at the input's own size, with its change mask on the same grid.
  const input = await sharp(sample('without-1.jpg')).metadata();
  const residual = await sharp(first[5].outputs.Bu.crop).metadata();
  const mask = await sharp(first[5].outputs.Bu.mask!).metadata();
  assert.deepEqual([residual.width, residual.height], [input.width, input.height]);
  assert.deepEqual([mask.width, mask.height, mask.channels], [input.width, input.height, 1]);

  const before = tf.memory().numTensors;
  for (let round = 0; round < 10; round++) for (const task of tasks) await runInference(task, deps);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind after 100 more inferences');
});

test('two bad uploads: the error names the first field, as decoded in field order', async (t) => {
  const dir = path.join(await saveTinyModel(tempDir(t)), 'tiny-eyeglasses');
  const loaded = await loadModel(dir);
  t.after(() => loaded.model.dispose());
  const deps = { model: async () => loaded, faces: async () => { throw new Error('align=none needs no faces'); } };
  const jpeg = sample('with-1.jpg');
  // b: truncated after its header (fails early); a: a large valid header over garbage (fails later).
  const big = await sharp({ create: { width: 1600, height: 1600, channels: 3, background: '#888' } }).jpeg().toBuffer();
  const a = await inspectUpload('a', new Uint8Array(big.subarray(0, Math.floor(big.length * 0.6))), DEFAULT_UPLOAD_LIMITS);
  const b = await inspectUpload('b', jpeg.subarray(0, 700), DEFAULT_UPLOAD_LIMITS);
  const task: InferenceTask = { model: { id: 'tiny', dir }, align: 'none', faceIndex: null, format: 'png', composite: 'residual', maxPixels: DEFAULT_UPLOAD_LIMITS.maxPixels, op: 'swap', images: [a, b] };
  for (let round = 0; round < 3; round++) {
    await assert.rejects(runInference(task, deps), (e: Error & { code?: string }) => e.code === 'corrupt_image' && /field a/.test(e.message));
  }
});
