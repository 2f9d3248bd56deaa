import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { build } from './helper.ts';
import { saveTinyModel, tempDir } from './support/tinyModel.ts';
import { gradientImage, multipart } from './support/makeImages.ts';

// Real photos shipped with a devDependency (the face module's test photos too, docs/face.md "Measurements").
const demo = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');
const photo = (n: number) => readFileSync(path.join(demo, `sample${n}.jpg`));

test('align=auto finds faces in real photos and pastes results back, leaving the rest of the photo untouched', async (t) => {
  const app = await build(t, { modelsDir: await saveTinyModel(tempDir(t)) });
  const post = async (files: [string, Uint8Array][], fields: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart(files, fields)) });

  const res = await post([['a', photo(1)], ['b', photo(2)]], { align: 'auto', format: 'png', composite: 'replace' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.ok(body.inputs.a.face.count >= 1);
  assert.ok(body.inputs.a.face.index < body.inputs.a.face.count);
  const original = await sharp(photo(1)).rotate().raw().toBuffer({ resolveWithObject: true });
  const pasted = await sharp(Buffer.from(body.outputs.A0.photo.split(',')[1], 'base64')).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([pasted.info.width, pasted.info.height], [original.info.width, original.info.height], 'the whole photo comes back');
  const box = body.inputs.a.face.box;
  let changedInside = 0;
  let changedOutside = 0;
  for (let y = 0; y < original.info.height; y += 3) {
    for (let x = 0; x < original.info.width; x += 3) {
      const i = (y * original.info.width + x) * 3;
      const differs = original.data[i] !== pasted.data[i] || original.data[i + 1] !== pasted.data[i + 1];
      const far = x < box.x - box.width || x > box.x + 2 * box.width || y < box.y - box.height || y > box.y + 2 * box.height;
      if (differs && far) changedOutside++;
      if (differs && !far) changedInside++;
    }
  }
  assert.equal(changedOutside, 0, 'pixels away from the face are exactly the original');
  assert.ok(changedInside > 100, 'the face region changed');

  // Residual (the default): only pixels under the change mask differ from the photo, and whole
  // photos come back as JPEG unless a format is asked for.
  const residual = await post([['a', photo(1)], ['b', photo(2)]], { align: 'auto' });
  assert.equal(residual.statusCode, 200, residual.body);
  assert.match(residual.json().outputs.Bu.photo, /^data:image\/jpeg;base64,/);
  assert.match(residual.json().outputs.Bu.crop, /^data:image\/png;base64,/);
  const exact = (await post([['a', photo(1)], ['b', photo(2)]], { align: 'auto', format: 'png' })).json();
  const bOriginal = await sharp(photo(2)).rotate().raw().toBuffer({ resolveWithObject: true });
  const bResidual = await sharp(Buffer.from(exact.outputs.Bu.photo.split(',')[1], 'base64')).raw().toBuffer({ resolveWithObject: true });
  const bBox = exact.inputs.b.face.box;
  let outside = 0;
  for (let i = 0; i < bOriginal.data.length; i += 3) {
    const x = (i / 3) % bOriginal.info.width;
    const y = Math.floor(i / 3 / bOriginal.info.width);
    const inside = x >= bBox.x - bBox.width && x <= bBox.x + 2 * bBox.width && y >= bBox.y - bBox.height && y <= bBox.y + 2 * bBox.height;
    if (!inside && bOriginal.data[i] !== bResidual.data[i]) outside++;
  }
  assert.equal(outside, 0, 'residual composition leaves every pixel away from the face as it was');
  const { info: faceInfo } = await sharp(Buffer.from(exact.outputs.Bu.crop.split(',')[1], 'base64')).metadata().then((m) => ({ info: m }));
  assert.ok(faceInfo.width! > 64, `the face comes back at its own resolution (${faceInfo.width} px)`);

  const bad = await post([['a', photo(1)], ['b', photo(2)]], { align: 'auto', faceIndex: '40' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /faceIndex: expected 0\.\.\d+ \(faces in field a, left to right\), but got 40/);

  // A face too small for a native crop: a clear 422 with residual, and replace still works.
  const tiny = await sharp(photo(2)).resize(150).jpeg().toBuffer();
  const small = await post([['a', photo(1)], ['b', tiny]], { align: 'auto' });
  assert.equal(small.statusCode, 422, small.body);
  assert.equal(small.json().code, 'face_too_small');
  assert.match(small.json().message, /field b: expected a face at least 32 px across for composite=residual, but face \d+ is \d+ px/);
  assert.equal((await post([['a', photo(1)], ['b', tiny]], { align: 'auto', composite: 'replace' })).statusCode, 200);

  const noFace = await post([['a', await gradientImage(320, 240, 'jpeg')], ['b', photo(2)]], { align: 'auto' });
  assert.equal(noFace.statusCode, 422, noFace.body);
  assert.equal(noFace.json().code, 'no_face');
  assert.match(noFace.json().message, /a/);
});
