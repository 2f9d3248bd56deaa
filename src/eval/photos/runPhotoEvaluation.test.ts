import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { tf } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { runPhotoEvaluation } from './runPhotoEvaluation.ts';
import { writeShippedPhotos } from './shippedPhotos.ts';
import type { PhotoMetrics } from './types.ts';

const MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../models/eyeglasses64');
let work: string;

before(async () => {
  await selectBackend({ log: () => {} });
  work = await mkdtemp(path.join(tmpdir(), 'genegan-photos-'));
});
after(() => rm(work, { recursive: true, force: true }));

test('eval --photos on two group photos: both composites scored per face, residual keeps the photo, no tensor leaks', async () => {
  const shipped = await writeShippedPhotos(path.join(work, 'photos'), { subset: 'small' });
  const out = path.join(work, 'report');
  const tensors = tf.memory().numTensors;
  const metrics = await runPhotoEvaluation({ models: [MODEL], photos: shipped.dir, out, sheetCell: 96 });
  assert.equal(tf.memory().numTensors, tensors);
  const written = JSON.parse(await readFile(path.join(out, 'photos.json'), 'utf8')) as PhotoMetrics;
  assert.deepEqual(written.models[0].medians, metrics.models[0].medians);
  assert.equal(metrics.pairing, 'cyclic');
  const [model] = metrics.models;
  assert.equal(model.rows.length, 2);
  assert.deepEqual(model.rows.map((r) => [r.photo, r.exemplar]), [['face-api-sample1.jpg', 'face-api-sample2.jpg'], ['face-api-sample2.jpg', 'face-api-sample1.jpg']]);
  for (const row of model.rows) {
    for (const s of [row.scores.residual, row.scores.replace]) {
      for (const v of Object.values(s)) assert.ok(Number.isFinite(v), `expected finite scores, but got ${JSON.stringify(s)}`);
      assert.ok(s.identity > 0 && s.identity <= 1 + 1e-6);
      assert.ok(s.changedShare > 0 && s.changedShare < 0.2, `a face is a small part of a group photo, but ${s.changedShare} changed`);
    }
    // The residual keeps the photo's own detail and identity; replace pastes a 64 px face.
    assert.ok(row.scores.residual.sharpness > row.scores.replace.sharpness);
    assert.ok(row.scores.residual.identity > row.scores.replace.identity);
    assert.ok(row.scores.residual.changedShare < row.scores.replace.changedShare);
    assert.ok(row.nativeSide > 64);
  }
  assert.ok(model.medians.residual.sharpness > 0.8, `residual sharpness ${model.medians.residual.sharpness}`);
  const sheet = await sharp(path.join(out, model.contactSheet!)).metadata();
  assert.deepEqual([sheet.width, sheet.height], [4 * 96 + 5 * 2, 2 * 96 + 3 * 2]);
  assert.match(await readFile(path.join(out, 'photos.md'), 'utf8'), /\| eyeglasses64 \| residual \| 2 \|/);
});
