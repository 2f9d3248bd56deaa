import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from './helper.ts';
import { saveTinyModel, tempDir } from './support/tinyModel.ts';

test('GET /health reports ok and the engine backend', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/health' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.ok(['gpu', 'node', 'wasm', 'cpu'].includes(body.backend.name));
});

test('GET /ready: 503 while workers start (warm-up), 200 once one is ready', async (t) => {
  const app = await build(t, { pool: { warmUp: true } });
  const first = await app.inject({ url: '/ready' });
  if (first.statusCode === 503) assert.equal(first.json().reason, 'model workers are starting');
  await app.pool.warmUp();
  const res = await app.inject({ url: '/ready' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().workers.ready, 1);
  assert.equal(res.json().runningJob, null);
});

test('unknown routes get a JSON 404', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/nope' });
  assert.equal(res.statusCode, 404);
  assert.match(res.json().message, /no route GET \/nope/);
});

test('models: listing, one model, 404, and a broken manifest listed as a problem', async (t) => {
  const modelsDir = await saveTinyModel(tempDir(t));
  mkdirSync(path.join(modelsDir, 'broken'));
  writeFileSync(path.join(modelsDir, 'broken', 'manifest.json'), '{ not json');
  const app = await build(t, { modelsDir });
  const list = (await app.inject({ url: '/v1/models' })).json();
  assert.deepEqual(list.models.map((m: { id: string }) => m.id), ['tiny-eyeglasses']);
  assert.equal(list.problems[0].id, 'broken');
  assert.match(list.problems[0].message, /not valid JSON/);
  assert.doesNotMatch(list.problems[0].message, new RegExp(modelsDir), 'no server paths in replies');
  const one = (await app.inject({ url: '/v1/models/tiny-eyeglasses' })).json();
  assert.deepEqual([one.attribute, one.imageSize, one.bits, one.method, one.source], ['Eyeglasses', 64, 32, 'float', 'bundled']);
  assert.equal(one.dir, undefined);
  const missing = await app.inject({ url: '/v1/models/nope' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.json().message, /expected one of tiny-eyeglasses, but got "nope"/);
});

test('OpenAPI at /docs/json documents every route with its reply statuses; the page is served', async (t) => {
  const app = await build(t);
  const spec = (await app.inject({ url: '/docs/json' })).json();
  const want: [string, string, string[]][] = [
    ['/health', 'get', ['200']], ['/ready', 'get', ['200', '503']], ['/v1/models', 'get', ['200']], ['/v1/models/{id}', 'get', ['200', '404']],
    ['/v1/swap', 'post', ['200', '400', '413', '415', '422', '503']], ['/v1/transfer', 'post', ['200', '400', '413', '415', '422', '503']],
    ['/v1/remove', 'post', ['200', '400', '413', '415', '422', '503']], ['/v1/jobs', 'post', ['201', '400', '409', '429', '507']], ['/v1/jobs', 'get', ['200']],
    ['/v1/jobs/{id}', 'get', ['200', '404']], ['/v1/jobs/{id}', 'delete', ['200', '404']], ['/v1/jobs/{id}/events', 'get', ['200', '404']],
  ];
  for (const [route, method, statuses] of want) {
    const op = spec.paths[route]?.[method];
    assert.ok(op, `${method} ${route} documented`);
    for (const s of statuses) assert.ok(op.responses[s], `${method} ${route} documents ${s}`);
  }
  assert.ok(spec.paths['/v1/swap'].post.requestBody.content['multipart/form-data'], 'swap takes multipart');
  for (const route of ['/v1/swap', '/v1/transfer', '/v1/remove']) {
    const answers = Object.keys(spec.paths[route].post.responses['200'].content).sort();
    assert.deepEqual(answers, ['application/json', 'image/jpeg', 'image/png', 'image/webp'], `${route} documents its JSON and one-image answers`);
  }
  assert.equal((await app.inject({ url: '/docs' })).statusCode < 400, true);
  const page = await app.inject({ url: '/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<title>genegan/);
  assert.equal((await app.inject({ url: '/samples/samples.json' })).json().samples.length, 8);
});
