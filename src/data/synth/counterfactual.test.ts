import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { counterfactualAttribute, counterfactualFactors, renderCounterfactual } from './counterfactual.ts';
import { factorsHeader, formatFactorsRow, parseFactorsRow, readFaceFactors } from './factorsCsv.ts';
import { renderFaceRgb, renderMaskPng } from './renderFace.ts';
import { sampleFaceFactors } from './sampleFaceFactors.ts';
import type { FaceFactors, MaskName } from './types.ts';
import { writeSynthDataset } from './writeSynthDataset.ts';

const SEED = 3;
const faces = Array.from({ length: 60 }, (_, i) => sampleFaceFactors(SEED, i + 1));
const find = (pred: (f: FaceFactors) => boolean, skip = 0): FaceFactors => {
  const f = faces.filter(pred)[skip];
  assert.ok(f, 'the seed has such a face');
  return f;
};
const withGlasses = (f: FaceFactors) => f.attributes.glasses !== null;

test('Eyeglasses: Bu is B wearing exactly A\'s glasses, A0 is A without, nothing else moves', () => {
  const a = find((f) => withGlasses(f) && f.attributes.glasses?.tint === 'tinted');
  const b = find((f) => !withGlasses(f) && f.attributes.smiling !== a.attributes.smiling);
  const { bu, a0 } = counterfactualFactors('eyeglasses', a, b);
  assert.deepEqual(bu.attributes.glasses, a.attributes.glasses);
  assert.notEqual(bu.attributes.glasses, a.attributes.glasses, 'a copy, not A\'s object');
  assert.deepEqual({ ...bu, attributes: { ...bu.attributes, glasses: null } }, b);
  assert.deepEqual(a0, { ...a, attributes: { ...a.attributes, glasses: null } });
});

test('Smiling, Bangs and Side_Lit move only their own factors', () => {
  const smiler = find((f) => f.attributes.smiling);
  const straight = find((f) => !f.attributes.smiling);
  const s = counterfactualFactors('Smiling', smiler, straight);
  assert.deepEqual(s.bu, { ...straight, attributes: { ...straight.attributes, smiling: true } });
  assert.deepEqual(s.a0, { ...smiler, attributes: { ...smiler.attributes, smiling: false } });

  const fringe = find((f) => f.attributes.bangs !== null);
  const bare = find((f) => f.attributes.bangs === null);
  const g = counterfactualFactors('Bangs', fringe, bare);
  assert.deepEqual(g.bu.attributes.bangs, fringe.attributes.bangs);
  assert.equal(g.a0.attributes.bangs, null);
  assert.deepEqual(g.bu.identity, bare.identity);

  const lit = find((f) => f.attributes.lighting.direction === 'left');
  const front = find((f) => f.attributes.lighting.direction === 'front' && f.attributes.lighting.strength !== lit.attributes.lighting.strength);
  const l = counterfactualFactors('side_lit', lit, front);
  assert.deepEqual(l.bu.attributes.lighting, lit.attributes.lighting, "B takes A's side and strength");
  assert.deepEqual(l.a0.attributes.lighting, { direction: 'front', strength: lit.attributes.lighting.strength }, 'A0: front light at A\'s strength');
  assert.deepEqual({ ...l.bu.attributes, lighting: null }, { ...front.attributes, lighting: null });
});

test('counterfactualFactors refuses unsupported attributes and pairs that are the wrong way round', () => {
  const a = find(withGlasses);
  const b = find((f) => !withGlasses(f));
  assert.equal(counterfactualAttribute('SIDE_LIT'), 'Side_Lit');
  assert.equal(counterfactualAttribute('Blond_Hair'), null);
  assert.throws(() => counterfactualFactors('Blond_Hair', a, b), /expected an attribute of Eyeglasses, Smiling, Bangs, Side_Lit, but got "Blond_Hair"/);
  assert.throws(() => counterfactualFactors('Eyeglasses', b, a), new RegExp(`expected A \\(face ${b.index}\\) to have Eyeglasses, but it has not`));
  assert.throws(() => counterfactualFactors('Eyeglasses', a, find(withGlasses, 1)), /expected B .* to be without Eyeglasses, but it has it/);
});

test('factors.csv rows parse back to the exact factors', () => {
  const header = factorsHeader().split(',');
  for (const f of faces) assert.deepEqual(parseFactorsRow(header, formatFactorsRow(f).split(',')), f);
  const cells = formatFactorsRow(faces[0]).split(',');
  cells[header.indexOf('jaw')] = 'wide';
  assert.throws(() => parseFactorsRow(header, cells), /expected a number in "jaw", but got "wide"/);
  assert.throws(() => parseFactorsRow(header, cells.slice(1)), /expected 35 values, but got 34/);
});

/** Largest channel difference of two renders at the pixels where `mask` (1 channel) is 0 after a `grow` px dilation. */
function largestOutside(x: Uint8Array, y: Uint8Array, mask: Uint8Array, size: number, grow: number): number {
  let largest = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let near = 0;
      for (let dr = -grow; dr <= grow; dr++) for (let dc = -grow; dc <= grow; dc++) near = Math.max(near, mask[Math.min(size - 1, Math.max(0, r + dr)) * size + Math.min(size - 1, Math.max(0, c + dc))]);
      if (near > 0) continue;
      for (let k = 0; k < 3; k++) largest = Math.max(largest, Math.abs(x[(r * size + c) * 3 + k] - y[(r * size + c) * 3 + k]));
    }
  }
  return largest;
}

async function maskOf(f: FaceFactors, size: number, name: MaskName): Promise<Uint8Array> {
  return new Uint8Array(await sharp(await renderMaskPng(f, size, name)).extractChannel(0).raw().toBuffer());
}

test('rendered truths change the picture only inside the attribute region, and more than a little there', async () => {
  const size = 96;
  // the smile's corner folds reach a few pixels past the mouth ellipse of the preservation mask
  const cases: Array<[string, MaskName, (f: FaceFactors) => boolean, number]> = [
    ['Eyeglasses', 'eyeglasses', withGlasses, 1],
    ['Smiling', 'smiling', (f) => f.attributes.smiling, 4],
    ['Side_Lit', 'lighting', (f) => f.attributes.lighting.direction !== 'front', 1],
  ];
  for (const [attr, maskName, has, grow] of cases) {
    const a = find(has);
    const b = find((f) => !has(f));
    const images = await renderCounterfactual(attr, a, b, size);
    assert.deepEqual([images.bu.width, images.bu.height, images.bu.data.length], [size, size, size * size * 3]);
    const truth = counterfactualFactors(attr, a, b);
    const buMask = await maskOf(truth.bu, size, maskName);
    const a0Mask = await maskOf(a, size, maskName);
    assert.ok(largestOutside(images.bu.data, images.b.data, buMask, size, grow) <= 1, `${attr}: Bu equals B outside the region`);
    assert.ok(largestOutside(images.a0.data, images.a.data, a0Mask, size, grow) <= 1, `${attr}: A0 equals A outside the region`);
    const changed = (x: Uint8Array, y: Uint8Array) => x.reduce((n, v, i) => n + (Math.abs(v - y[i]) > 20 ? 1 : 0), 0);
    assert.ok(changed(images.bu.data, images.b.data) > 30, `${attr}: Bu differs from B`);
    assert.ok(changed(images.a0.data, images.a.data) > 30, `${attr}: A0 differs from A`);
  }
});

test('any size, and the faces of a written set are drawn again from its factors.csv', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'genegan-cf-'));
  try {
    await writeSynthDataset({ out: dir, count: 4, size: 64, seed: SEED });
    const table = await readFaceFactors(path.join(dir, 'factors.csv'));
    assert.deepEqual([...table.keys()], ['000001.jpg', '000002.jpg', '000003.jpg', '000004.jpg']);
    assert.deepEqual(table.get('000002.jpg'), faces[1]);
    const drawn = await renderFaceRgb(faces[1], 64);
    const jpeg = new Uint8Array(await sharp(path.join(dir, 'img_align_celeba', '000002.jpg')).removeAlpha().raw().toBuffer());
    const mse = drawn.data.reduce((s, v, i) => s + (v - jpeg[i]) ** 2, 0) / drawn.data.length;
    assert.ok(10 * Math.log10((255 * 255) / mse) > 35, 'the same face as the JPEG of the set');
    const big = await renderFaceRgb(faces[1], 256);
    assert.deepEqual([big.width, big.height], [256, 256]);
    await assert.rejects(renderFaceRgb(faces[1], 5000), /expected a size from 8 to 4096 px, but got 5000/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
