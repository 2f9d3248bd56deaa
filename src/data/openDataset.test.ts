import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { templateAt } from '../face/template.ts';
import { openDataset } from './openDataset.ts';
import { writeSynthDataset } from './synth/writeSynthDataset.ts';
import { selectBackend } from '../backend/selectBackend.ts';

before(() => selectBackend({ log: () => {} }));

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'genegan-open-'));
/** Copies of the fixtures: the readers write their aligned-crop cache next to the data. */
const copy = (name: string): string => {
  const dir = path.join(work, name);
  if (!existsSync(dir)) cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
};
const synthDir = path.join(work, 'synth');
before(() => writeSynthDataset({ out: synthDir, count: 30, size: 64, seed: 4 }));

/**
 * Centroid (pixel-centre coordinates) of the red or blue eye marker of image n of a batch, searched
 * within a tenth of the image around `near` (lips and frames can be red or blue elsewhere).
 */
async function marker(images: Tensor4D, n: number, colour: 'red' | 'blue', near: readonly [number, number]): Promise<[number, number]> {
  const [, h, w] = images.shape;
  const v = await images.data();
  const r0 = Math.round(w / 10);
  let [sx, sy, sw] = [0, 0, 0];
  for (let y = Math.round(near[1]) - r0; y <= Math.round(near[1]) + r0; y++) {
    for (let x = Math.round(near[0]) - r0; x <= Math.round(near[0]) + r0; x++) {
      const i = ((n * h + y) * w + x) * 3;
      const [r, g, b] = [v[i], v[i + 1], v[i + 2]];
      const weight = Math.max(0, (colour === 'red' ? r - (g + b) / 2 : b - (r + g) / 2) - 0.35);
      [sx, sy, sw] = [sx + weight * x, sy + weight * y, sw + weight];
    }
  }
  assert.ok(sw > 0, `no ${colour} marker found`);
  return [sx / sw, sy / sw];
}

async function assertEyesOnTemplate(images: Tensor4D, n: number, size: number, label: string, tolerance = 1): Promise<void> {
  const t = templateAt(size);
  const left = await marker(images, n, 'red', t.leftEye);
  const right = await marker(images, n, 'blue', t.rightEye);
  const dl = Math.hypot(left[0] - t.leftEye[0], left[1] - t.leftEye[1]);
  const dr = Math.hypot(right[0] - t.rightEye[0], right[1] - t.rightEye[1]);
  assert.ok(dl < tolerance && dr < tolerance, `${label}: eyes ${left.map((v) => v.toFixed(2))} / ${right.map((v) => v.toFixed(2))} are ${dl.toFixed(2)} / ${dr.toFixed(2)} px from the template`);
}

test('CelebA in the wild: the 5-point alignment puts the eye centres within 1 px of the template', async () => {
  const dir = copy('celeba');
  for (const size of [64, 128]) {
    const ds = await openDataset(dir, { attribute: 'Eyeglasses', imageSize: size, celebaImages: 'wild' });
    assert.equal(ds.layout, 'celeba');
    const { images, ids } = await ds.batchAt('with', 0, 2);
    assert.deepEqual(ids, ['000001.jpg', '000003.jpg']);
    for (let n = 0; n < 2; n++) await assertEyesOnTemplate(images, n, size, `wild ${ids[n]} at ${size}`);
    images.dispose();
    await ds.close();
  }
  assert.ok(existsSync(path.join(dir, '.genegan-cache', 'wild-64', '000001.png')), 'aligned crops are cached on disk');
  // Second open reads the cache: same pixels.
  const ds = await openDataset(dir, { attribute: 'Eyeglasses', imageSize: 64, celebaImages: 'wild' });
  const { images } = await ds.batchAt('with', 0, 1);
  await assertEyesOnTemplate(images, 0, 64, 'cached crop');
  images.dispose();
});

test('CelebA aligned (178x218): sides, split, alignment, and the corrupt image is skipped and counted', async () => {
  const dir = copy('celeba');
  const before = tf.memory().numTensors;
  const ds = await openDataset(dir, { attribute: 'eyeglasses', imageSize: 64, seed: 1 });
  assert.deepEqual(ds.counts, { with: 2, without: 3 });
  assert.equal(ds.attribute, 'Eyeglasses');
  const { images } = await ds.batchAt('without', 0, 2);
  await assertEyesOnTemplate(images, 0, 64, 'aligned 000002.jpg');
  images.dispose();
  const batch = await ds.next('without', 6);
  assert.deepEqual(batch.shape, [6, 64, 64, 3]);
  batch.dispose();
  assert.equal(ds.skipped, 1);
  await ds.close();
  assert.equal(tf.memory().numTensors, before);
  await assert.rejects(openDataset(dir, { attribute: 'Eyeglasses', imageSize: 64, split: 'val' }), /no images for the "without" side of Eyeglasses in the val split/);
});

test('CelebA errors: unknown attribute, missing annotation file, malformed line', async () => {
  const dir = copy('celeba');
  await assert.rejects(openDataset(dir, { attribute: 'Sunglasses', imageSize: 64 }), /unknown attribute "Sunglasses" in .*list_attr_celeba.txt/);
  const broken = path.join(work, 'celeba-broken');
  cpSync(dir, broken, { recursive: true });
  rmSync(path.join(broken, 'list_eval_partition.txt'));
  await assert.rejects(openDataset(broken, { attribute: 'Smiling', imageSize: 64 }), /missing annotation file .*list_eval_partition.txt/);
  const lines = readFileSync(path.join(dir, 'list_landmarks_align_celeba.txt'), 'utf8').split('\n');
  lines[3] = '000002.jpg 1 2 3';
  cpSync(path.join(dir, 'list_eval_partition.txt'), path.join(broken, 'list_eval_partition.txt'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(broken, 'list_landmarks_align_celeba.txt'), lines.join('\n'));
  await assert.rejects(openDataset(broken, { attribute: 'Smiling', imageSize: 64 }), /list_landmarks_align_celeba.txt:4: expected an image name and 10 values, but got 3/);
});

test('Multi-PIE: flash 07 vs no flash 00, split by subject, optional camera, aligned by the landmarks file', async () => {
  const dir = copy('multipie');
  const ds = await openDataset(dir, { imageSize: 64 });
  assert.equal(ds.layout, 'multipie');
  assert.deepEqual(ds.counts, { with: 3, without: 2 });
  assert.match(ds.attribute, /illumination 07 vs 00/);
  const { images, ids } = await ds.batchAt('with', 0, 3);
  for (let n = 0; n < ids.length; n++) await assertEyesOnTemplate(images, n, 64, `multipie ${ids[n]}`);
  images.dispose();
  const cam = await openDataset(dir, { imageSize: 64, multipie: { camera: '05_1' } });
  assert.deepEqual(cam.counts, { with: 2, without: 2 });
  const val = await openDataset(dir, { imageSize: 64, split: 'val' });
  assert.deepEqual(val.ids('with'), [path.join('session01', 'multiview', '003', '01', '05_1', '003_01_01_051_07.png')]);
  await assert.rejects(openDataset(dir, { imageSize: 64, multipie: { landmarks: path.join(work, 'none.txt') } }), /missing annotation file .*none.txt/);
});

test('Multi-PIE without a landmarks file, and folder photos with detectFaces, go through the face pipeline', async () => {
  const noMarks = path.join(work, 'multipie-nolandmarks');
  cpSync(copy('multipie'), noMarks, { recursive: true });
  rmSync(path.join(noMarks, 'multipie_landmarks.txt'));
  const ds = await openDataset(noMarks, { imageSize: 64 });
  const { images, ids } = await ds.batchAt('with', 0, 3);
  // FaceMesh's 5 points on these drawn faces are less exact than true landmarks: 1.5 px.
  for (let n = 0; n < ids.length; n++) await assertEyesOnTemplate(images, n, 64, `detected ${ids[n]}`, 1.5);
  images.dispose();
  const folder = await openDataset(copy('folder'), { imageSize: 64, detectFaces: true });
  const batch = await folder.batchAt('without', 0, 3);
  for (let n = 0; n < batch.ids.length; n++) await assertEyesOnTemplate(batch.images, n, 64, `detected ${batch.ids[n]}`, 1.5);
  batch.images.dispose();
  assert.ok(existsSync(path.join(work, 'folder', '.genegan-cache', 'detect-64', 'without', 'b.png')));
});

test('folder layout: with/ and without/, jpg/png/webp, non-images ignored, resized to the model size', async () => {
  const ds = await openDataset(path.join(FIXTURES, 'folder'), { imageSize: 64, seed: 3 });
  assert.equal(ds.layout, 'folder');
  assert.deepEqual(ds.ids('with'), ['with/b.png', 'with/d.jpg', 'with/e.webp'].map((p) => p.split('/').join(path.sep)));
  assert.deepEqual(ds.counts, { with: 3, without: 3 });
  const b = await ds.next('without', 4);
  assert.deepEqual(b.shape, [4, 64, 64, 3]);
  b.dispose();
  assert.equal(ds.skipped, 0);
  await assert.rejects(openDataset(path.join(FIXTURES, 'folder'), { imageSize: 64, split: 'test' }), /no images for the "without" side of folder in the test split/);
});

test('synthetic layout is detected and its sides match the attribute file', async () => {
  const ds = await openDataset(synthDir, { attribute: 'Smiling', imageSize: 64 });
  assert.equal(ds.layout, 'synthetic');
  const rows = readFileSync(path.join(synthDir, 'list_attr_celeba.txt'), 'utf8').trim().split('\n');
  const col = rows[1].split(' ').indexOf('Smiling') + 1;
  const smiling = rows.slice(2, 2 + 24).filter((r) => r.trim().split(/\s+/)[col] === '1').length;
  assert.deepEqual(ds.counts, { with: smiling, without: 24 - smiling });
  const t = await ds.next('with', 2);
  assert.deepEqual(t.shape, [2, 64, 64, 3]);
  t.dispose();
});

test('bad options and unknown layouts are clear errors', async () => {
  await assert.rejects(openDataset(synthDir, { attribute: 'Smiling', imageSize: 100 }), /expected imageSize 64 or 128, but got 100/);
  await assert.rejects(openDataset(path.join(work, 'nope'), { imageSize: 64 }), /dataset folder .*nope does not exist/);
  await assert.rejects(openDataset(FIXTURES, { imageSize: 64 }), /cannot tell the layout of/);
  await assert.rejects(openDataset(synthDir, { imageSize: 64 }), /expected an attribute column/);
});
