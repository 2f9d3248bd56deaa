import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../helper.ts';

const KEY = 'infer-key-0123456789abcdef';

test('image routes: 429 with Retry-After past the per-address limit, a separate allowance per key, other routes unlimited', async (t) => {
  const server = await build(t, { security: { apiKeys: [{ scope: 'admin', key: 'admin-key-0123456789abcdef' }, { scope: 'infer', key: KEY }], rateLimit: { perIp: 3, perKey: 5, windowMs: 60_000 } } });
  await server.listen({ port: 0, host: '0.0.0.0' });
  const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const post = (url: string, key?: string) => fetch(base + url, { method: 'POST', headers: key ? { authorization: `Bearer ${key}` } : {} });

  // An empty POST is refused by the route (400) after the limiter has counted it: cheap to send.
  const keyed = [];
  for (let i = 0; i < 6; i++) keyed.push((await post('/v1/swap', KEY)).status);
  assert.deepEqual(keyed, [400, 400, 400, 400, 400, 429], 'a key gets its own 5 per window');

  const anonymous = await build(t, { security: { rateLimit: { perIp: 3, perKey: 5, windowMs: 60_000 } } });
  await anonymous.listen({ port: 0, host: '0.0.0.0' });
  const anonBase = `http://127.0.0.1:${(anonymous.server.address() as { port: number }).port}`;
  const statuses = [];
  for (const url of ['/v1/swap', '/v1/transfer', '/v1/remove', '/v1/remove']) statuses.push((await fetch(anonBase + url, { method: 'POST' })).status);
  assert.deepEqual(statuses, [400, 400, 400, 429], 'the three image routes share one allowance per address');
  const limited = await fetch(anonBase + '/v1/swap', { method: 'POST' });
  assert.equal(limited.status, 429);
  const retryAfter = Number(limited.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${limited.headers.get('retry-after')}`);
  const body = await limited.json();
  assert.equal(body.code, 'rate_limited');
  assert.match(body.message, /^requests: expected at most 3 image requests per 60 s from address 127\.0\.0\.1, but got more; retry in \d+ s$/);
  for (let i = 0; i < 5; i++) assert.equal((await fetch(anonBase + '/v1/models')).status, 200, 'the model list is not limited');
  assert.equal((await fetch(anonBase + '/health')).status, 200);
});

test('behind a trusted proxy (serve --trust-proxy) each forwarded client address has its own allowance', async (t) => {
  const server = await build(t, { security: { rateLimit: { perIp: 2, windowMs: 60_000 } } }, { trustProxy: 'loopback' });
  await server.listen({ port: 0, host: '0.0.0.0' });
  const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const from = async (client: string) => (await fetch(base + '/v1/remove', { method: 'POST', headers: { 'x-forwarded-for': client } })).status;
  const statuses = [];
  for (const client of ['203.0.113.7', '203.0.113.7', '203.0.113.7', '198.51.100.9', '198.51.100.9']) statuses.push(await from(client));
  assert.deepEqual(statuses, [400, 400, 429, 400, 400], 'the third request of one client is limited, another client is not');
});

test('a loopback-only server does not limit its own machine (the page, benchmarks)', async (t) => {
  const server = await build(t, { security: { rateLimit: { perIp: 2 } } });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await server.inject({ method: 'POST', url: '/v1/remove' })).statusCode);
  assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
});

test('rate limit settings are checked', async (t) => {
  await assert.rejects(build(t, { security: { rateLimit: { perIp: -1 } } }), /rateLimit.perIp: expected an integer >= 0, but got -1/);
});
