import { test } from 'node:test';
import sharp from 'sharp';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from './helper.ts';
import { multipart } from './support/makeImages.ts';
import { decodeDataUrl } from './support/decodeDataUrl.ts';
import { templateAt } from '../src/face/template.ts';

/**
 * The models `npm start` serves (models/, docs/bundled-models.md): what each directory says it is
 * matches what it holds, the service loads every one, and the Eyeglasses model moves glasses
 * between two of the page's sample faces (public/samples, align=none as the page does).
 */
const repo = path.join(import.meta.dirname, '..');
const modelsDir = path.join(repo, 'models');
const bundled = readdirSync(modelsDir).filter((d) => !d.startsWith('.') && existsSync(path.join(modelsDir, d, 'manifest.json')));
const readJson = (...parts: string[]) => JSON.parse(readFileSync(path.join(modelsDir, ...parts), 'utf8'));
const sample = (name: string) => readFileSync(path.join(repo, 'public/samples', name));
/** A few MB at most per model directory (sizes: docs/bundled-models.md "What is bundled"); a packed 4-bit compact64 generator is ~0.3 MB. */
const MAX_DIR_BYTES = 4 * 1024 * 1024;

test('every bundled directory describes itself truthfully', () => {
  assert.ok(bundled.length >= 1, 'models/ holds at least one model');
  for (const id of bundled) {
    const manifest = readJson(id, 'manifest.json');
    const info = readJson(id, 'bundled.json');
    assert.equal(info.attribute, manifest.attribute, `${id}: attribute`);
    assert.equal(info.iterations, manifest.iterations, `${id}: bundled.json iterations = manifest iterations`);
    assert.ok(['final', 'partial'].includes(info.status), `${id}: status is final or partial, got ${info.status}`);
    if (info.status === 'final') {
      assert.equal(manifest.quantization?.packed, true, `${id}: a final model is the packed low-bit generator`);
      assert.equal(manifest.quantization?.method, 'balanced', `${id}: balanced`);
      assert.equal(manifest.quantization?.wbits, 4, `${id}: 4-bit weights`);
      assert.ok(manifest.quantization?.abits <= 8, `${id}: low-bit activations, expected abits <= 8, but got ${manifest.quantization?.abits}`);
      // At most 1/7 of the same tensors as float32 (docs/bundled-models.md "What is bundled").
      const index = readJson(id, 'packed.json');
      const float32 = 4 * index.tensors.reduce((sum: number, t: { shape: number[] }) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
      const packedBytes = statSync(path.join(modelsDir, id, 'packed.bin')).size + statSync(path.join(modelsDir, id, 'packed.json')).size;
      assert.ok(packedBytes * 7 <= float32, `${id}: expected at most 1/7 of ${float32} B, but got ${packedBytes} B`);
    }
    const bytes = readdirSync(path.join(modelsDir, id)).reduce((sum, f) => sum + statSync(path.join(modelsDir, id, f)).size, 0);
    assert.ok(bytes <= MAX_DIR_BYTES, `${id}: expected at most ${MAX_DIR_BYTES} bytes, but got ${bytes}`);
  }
});

/** Mean |x - y| over RGB pixels inside and outside a box of a size x size image. */
function changeInsideOutside(x: Buffer, y: Buffer, size: number, box: { x0: number; x1: number; y0: number; y1: number }) {
  let inside = 0, nIn = 0, outside = 0, nOut = 0;
  for (let i = 0; i < size * size; i += 1) {
    const px = i % size, py = Math.floor(i / size);
    const d = Math.abs(x[3 * i] - y[3 * i]) + Math.abs(x[3 * i + 1] - y[3 * i + 1]) + Math.abs(x[3 * i + 2] - y[3 * i + 2]);
    if (px >= box.x0 && px < box.x1 && py >= box.y0 && py < box.y1) { inside += d; nIn += 3; } else { outside += d; nOut += 3; }
  }
  return { inside: inside / nIn, outside: outside / nOut };
}

test('the service serves every bundled model, and the Eyeglasses one moves glasses between sample faces', async (t) => {
  const app = await build(t, { modelsDir });
  const list = (await app.inject({ method: 'GET', url: '/v1/models' })).json();
  assert.deepEqual(list.problems, []);
  assert.deepEqual(list.models.map((m: { id: string }) => m.id).sort(), [...bundled].sort());
  const glasses = list.models.find((m: { attribute: string }) => m.attribute === 'Eyeglasses');
  assert.ok(glasses, 'an Eyeglasses model is bundled');

  const res = await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', sample('with-1.jpg')], ['b', sample('without-1.jpg')]], { align: 'none', model: glasses.id, composite: 'replace' })) });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  const [a, b, a0, bu] = await Promise.all([body.inputs.a.crop, body.inputs.b.crop, body.outputs.A0.crop, body.outputs.Bu.crop].map(async (url) => (await decodeDataUrl(url)).data));
  // The glasses' place: a band around the template's eyes (docs/face.md "Template").
  const size = glasses.imageSize;
  const { leftEye, rightEye } = templateAt(size);
  const eyeGap = rightEye[0] - leftEye[0];
  const box = { x0: Math.floor(leftEye[0] - eyeGap / 2), x1: Math.ceil(rightEye[0] + eyeGap / 2), y0: Math.floor(leftEye[1] - eyeGap / 3), y1: Math.ceil(leftEye[1] + eyeGap / 3) };
  const added = changeInsideOutside(bu, b, size, box);
  const removed = changeInsideOutside(a0, a, size, box);
  // Glasses appear on B and leave A where glasses are, clearly more than the rest of the face changes.
  assert.ok(added.inside > 2 * added.outside, `Bu vs B: change around the eyes ${added.inside.toFixed(1)} vs elsewhere ${added.outside.toFixed(1)}`);
  assert.ok(removed.inside > 2 * removed.outside, `A0 vs A: change around the eyes ${removed.inside.toFixed(1)} vs elsewhere ${removed.outside.toFixed(1)}`);

  // Residual composition (the default) answers at the input's own 128 px, with the same edit.
  const residual = (await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', sample('with-1.jpg')], ['b', sample('without-1.jpg')]], { align: 'none', model: glasses.id })) })).json();
  const side = 128;
  const scale = side / size;
  const bigBox = { x0: Math.floor(box.x0 * scale), x1: Math.ceil(box.x1 * scale), y0: Math.floor(box.y0 * scale), y1: Math.ceil(box.y1 * scale) };
  const original = await sharp(sample('without-1.jpg')).removeAlpha().raw().toBuffer();
  const buResidual = (await decodeDataUrl(residual.outputs.Bu.crop)).data;
  const residualAdded = changeInsideOutside(buResidual, original, side, bigBox);
  assert.ok(residualAdded.inside > 2 * residualAdded.outside, `residual Bu vs B: change around the eyes ${residualAdded.inside.toFixed(1)} vs elsewhere ${residualAdded.outside.toFixed(1)}`);
  assert.ok(residualAdded.outside < added.outside, `residual changes the rest of B less than replace (${residualAdded.outside.toFixed(1)} vs ${added.outside.toFixed(1)})`);
});
