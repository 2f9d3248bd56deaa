import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from './helper.ts';

test('GET /health reports ok and the engine backend', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/health' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.ok(['gpu', 'node', 'wasm', 'cpu'].includes(body.backend.name));
});

test('unknown routes get a JSON 404', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/nope' });
  assert.equal(res.statusCode, 404);
  assert.match(res.json().message, /no route GET \/nope/);
});
