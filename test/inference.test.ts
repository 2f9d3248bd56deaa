import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { build } from './helper.ts';
import { saveTinyModel, tempDir } from './support/tinyModel.ts';
import { decodeDataUrl } from './support/decodeDataUrl.ts';
import { bombPng, gradientImage, multipart, textFile, truncatedJpeg } from './support/makeImages.ts';

const sample = (name: string) => readFileSync(path.join(import.meta.dirname, '../public/samples', name));
const withGlasses = sample('with-1.jpg');
const without = sample('without-1.jpg');

test('image routes: real outputs, and every bad input is a clear 4xx that harms no neighbour', async (t) => {
  const modelsDir = await saveTinyModel(tempDir(t));
  const app = await build(t, { modelsDir, uploads: { maxFileBytes: 2_000_000 } });
  const post = async (url: string, files: [string, Uint8Array, string?][], fields: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, ...(await multipart(files, fields)) });

  await t.test('swap (align none) returns A0 and Bu at the model size with replace, at the inputs\' size with residual', async () => {
    const res = await post('/v1/swap', [['a', withGlasses], ['b', without]], { align: 'none', composite: 'replace' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.model, 'tiny-eyeglasses');
    assert.equal(body.composite, 'replace');
    for (const url of [body.outputs.A0.crop, body.outputs.Bu.crop, body.inputs.a.crop, body.inputs.b.crop]) {
      const { info } = await decodeDataUrl(url);
      assert.deepEqual([info.width, info.height], [64, 64]);
    }
    assert.equal(body.outputs.A0.photo, null, 'no paste-back without alignment');
    assert.equal(body.outputs.Bu.mask, null, 'replace has no change mask');
    const residual = (await post('/v1/swap', [['a', withGlasses], ['b', without]], { align: 'none' })).json();
    assert.equal(residual.composite, 'residual', 'residual is the default');
    for (const url of [residual.outputs.A0.crop, residual.outputs.Bu.crop, residual.outputs.Bu.mask]) {
      const { info } = await decodeDataUrl(url);
      assert.deepEqual([info.width, info.height], [128, 128], 'the input\'s own size');
    }
    assert.deepEqual([body.inputs.a.width, body.inputs.a.height], [128, 128]);
    assert.ok(body.timing.totalMs >= body.timing.runMs);
  });

  await t.test('remove and transfer (single, mix, matrix) have their documented shapes', async () => {
    const removed = await post('/v1/remove', [['image', withGlasses]], { align: 'none', format: 'jpeg' });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.match(removed.json().outputs.A0.crop, /^data:image\/jpeg;base64,/);

    const weak = await post('/v1/transfer', [['target', without], ['exemplar', withGlasses]], { align: 'none', strength: '0', composite: 'replace' });
    const strong = await post('/v1/transfer', [['target', without], ['exemplar', withGlasses]], { align: 'none', strength: '1', composite: 'replace' });
    assert.equal(weak.statusCode, 200, weak.body);
    assert.equal(weak.json().mode, 'single');
    const a = (await decodeDataUrl(weak.json().outputs.Bu.crop)).data;
    const b = (await decodeDataUrl(strong.json().outputs.Bu.crop)).data;
    assert.ok(!a.equals(b), 'the strength changes the output');

    const four: [string, Uint8Array][] = [['target', without], ['exemplar0', withGlasses], ['exemplar1', sample('with-2.jpg')], ['exemplar2', sample('with-3.jpg')], ['exemplar3', sample('with-4.jpg')]];
    const mix = await post('/v1/transfer', four, { align: 'none', weights: '0.25,0.25,0.25,0.25' });
    assert.equal(mix.statusCode, 200, mix.body);
    assert.equal(mix.json().mode, 'mix');
    const grid = await post('/v1/transfer', four, { align: 'none', matrix: '3', composite: 'replace' });
    assert.equal(grid.statusCode, 200, grid.body);
    const m = grid.json().matrix;
    assert.equal(m.cells.length, 9);
    assert.deepEqual(m.cells[0].weights, [1, 0, 0, 0]);
    assert.deepEqual(m.cells[8].weights, [0, 0, 0, 1]);
    const { info } = await decodeDataUrl(m.grid);
    assert.deepEqual([info.width, info.height], [3 * 64 + 2 * 2, 3 * 64 + 2 * 2]);
    // Residual cells show the 128 px target itself with each cell's change.
    const residualGrid = (await post('/v1/transfer', four, { align: 'none', matrix: '3' })).json().matrix;
    assert.deepEqual([(await decodeDataUrl(residualGrid.grid)).info.width, (await decodeDataUrl(residualGrid.cells[0].image)).info.width], [3 * 128 + 2 * 2, 128]);
  });

  await t.test('one image instead of JSON when the client accepts an image', async () => {
    const png = await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', withGlasses], ['b', without]], { align: 'none' }, { accept: 'image/png' })) });
    assert.equal(png.statusCode, 200, png.body);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual(await sharp(png.rawPayload).metadata().then((m) => [m.format, m.width]), ['png', 128]);
    const mask = await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', withGlasses], ['b', without]], { align: 'none', output: 'Bu.mask' }, { accept: 'image/png' })) });
    assert.deepEqual(await sharp(mask.rawPayload).metadata().then((m) => [m.format, m.channels]), ['png', 1]);
    const jpeg = await app.inject({ method: 'POST', url: '/v1/remove', ...(await multipart([['image', withGlasses]], { align: 'none', composite: 'replace' }, { accept: 'image/jpeg' })) });
    assert.equal(jpeg.headers['content-type'], 'image/jpeg');
    assert.deepEqual(await sharp(jpeg.rawPayload).metadata().then((m) => [m.format, m.width]), ['jpeg', 64]);
    const grid = await app.inject({ method: 'POST', url: '/v1/transfer', ...(await multipart([['target', without], ['exemplar0', withGlasses], ['exemplar1', withGlasses], ['exemplar2', withGlasses], ['exemplar3', withGlasses]], { align: 'none', matrix: '2', composite: 'replace' }, { accept: 'image/webp' })) });
    assert.deepEqual(await sharp(grid.rawPayload).metadata().then((m) => [m.format, m.width]), ['webp', 2 * 64 + 2]);
    const noMask = await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', withGlasses], ['b', without]], { align: 'none', composite: 'replace', output: 'Bu.mask' }, { accept: 'image/png' })) });
    assert.equal(noMask.statusCode, 400);
    assert.match(noMask.json().message, /field output: expected one of A0, A0\.crop, A0\.mask, Bu, Bu\.crop, Bu\.mask \(masks exist only with composite=residual\), but got "Bu\.mask"/);
    const json = await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', withGlasses], ['b', without]], { align: 'none' }, { accept: '*/*' })) });
    assert.match(String(json.headers['content-type']), /application\/json/, 'JSON stays the default');
  });

  await t.test('bad inputs', async () => {
    const cases: { name: string; files: [string, Uint8Array, string?][]; fields?: Record<string, string>; status: number; code: string; message: RegExp; url?: string }[] = [
      { name: 'text file named .jpg', files: [['a', textFile(), 'photo.jpg'], ['b', without]], status: 415, code: 'not_an_image', message: /field a: expected a JPEG.*but got text/ },
      { name: 'truncated JPEG', files: [['a', withGlasses], ['b', await truncatedJpeg()]], status: 422, code: 'corrupt_image', message: /field b: could not read this jpeg/ },
      { name: 'decompression-bomb PNG', files: [['a', bombPng()], ['b', without]], status: 413, code: 'too_many_pixels', message: /field a: expected at most \d+ pixels, but got 20000x20000/ },
      { name: 'huge dimensions', files: [['a', await sharp({ create: { width: 5000, height: 4000, channels: 3, background: '#808080' } }).jpeg({ quality: 20 }).toBuffer()], ['b', without]], status: 413, code: 'too_many_pixels', message: /5000x4000/ },
      { name: 'missing field', files: [['a', withGlasses]], status: 400, code: 'bad_field', message: /b/ },
      { name: 'text value instead of a file', files: [['a', withGlasses]], fields: { b: 'hello' }, status: 400, code: 'missing_field', message: /field b: expected an image file \(multipart\/form-data\), but got a text value/ },
      { name: 'file over the byte limit', files: [['a', Buffer.alloc(2_000_001, 1)], ['b', without]], status: 413, code: 'FST_REQ_FILE_TOO_LARGE', message: /expected at most 2000000 bytes per file, but got more/ },
      { name: 'unknown model', files: [['a', withGlasses], ['b', without]], fields: { model: 'nope' }, status: 404, code: 'unknown_model', message: /expected one of tiny-eyeglasses, but got "nope"/ },
      { name: 'bad align value', files: [['a', withGlasses], ['b', without]], fields: { align: 'sideways' }, status: 400, code: 'bad_field', message: /align/ },
      { name: 'composite that does not exist', files: [['a', withGlasses], ['b', without]], fields: { composite: 'blend' }, status: 400, code: 'bad_field', message: /composite/ },
      { name: 'unexpected file field', files: [['a', withGlasses], ['b', without], ['c', without]], status: 400, code: 'bad_field', message: /field c: not a file field of this route/ },
      { name: 'transfer with 2 of 4 exemplars', url: '/v1/transfer', files: [['target', without], ['exemplar0', withGlasses], ['exemplar1', withGlasses]], status: 400, code: 'missing_field', message: /field exemplar2: expected four exemplars/ },
      { name: 'transfer with bad weights', url: '/v1/transfer', files: [['target', without], ['exemplar0', withGlasses], ['exemplar1', withGlasses], ['exemplar2', withGlasses], ['exemplar3', withGlasses]], fields: { weights: '1,2,x,4' }, status: 400, code: 'bad_field', message: /weights/ },
    ];
    // All at once, with good requests in between: each gets its own answer.
    const good = () => post('/v1/swap', [['a', withGlasses], ['b', without]], { align: 'none' });
    const results = await Promise.all([good(), ...cases.map((c) => post(c.url ?? '/v1/swap', c.files, c.fields)), good()]);
    assert.equal(results[0].statusCode, 200);
    assert.equal(results.at(-1)!.statusCode, 200);
    cases.forEach((c, i) => {
      const res = results[i + 1];
      assert.equal(res.statusCode, c.status, `${c.name}: ${res.body}`);
      const body = res.json();
      assert.equal(body.code, c.code, c.name);
      assert.match(body.message, c.message, c.name);
    });
  });

  await t.test('a non-multipart request names what it got', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/swap', payload: { a: 'x', b: 'y' } });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /field a: expected an image file \(multipart\/form-data\), but got a application\/json request/);
  });
});

test('with no model installed, image routes answer 404 no_models', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'POST', url: '/v1/remove', ...(await multipart([['image', await gradientImage(8, 8)]])) });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'no_models');
});

test('when every worker is busy and the queue is full, requests get 503 busy with Retry-After; too many files is 413', async (t) => {
  const modelsDir = await saveTinyModel(tempDir(t));
  const app = await build(t, { modelsDir, pool: { size: 1, queueLimit: 0, retryAfterSeconds: 7 } });
  const send = async () => app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', withGlasses], ['b', without]], { align: 'none' })) });
  const results = await Promise.all([send(), send(), send()]);
  const codes = results.map((r) => r.statusCode).sort();
  assert.equal(codes[0], 200, 'the first request runs');
  const busy = results.filter((r) => r.statusCode === 503);
  assert.ok(busy.length >= 1, `some requests were refused: ${codes.join(',')}`);
  assert.equal(busy[0].headers['retry-after'], '7');
  assert.equal(busy[0].json().code, 'busy');

  const six: [string, Uint8Array][] = ['target', 'exemplar0', 'exemplar1', 'exemplar2', 'exemplar3', 'exemplar'].map((f) => [f, without]);
  const tooMany = await app.inject({ method: 'POST', url: '/v1/transfer', ...(await multipart(six)) });
  assert.equal(tooMany.statusCode, 413, tooMany.body);
  assert.match(tooMany.json().message, /files: expected at most 5 files in one request, but got more/);
});
