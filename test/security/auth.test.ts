import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import app from '../../src/server/app.ts';
import { build } from '../helper.ts';
import { tempDir } from '../support/tinyModel.ts';
import { LOGGER_OPTIONS } from '../../src/server/start.ts';
import { createKeyring, parseApiKeys } from '../../src/server/security/apiKeys.ts';
import type { FastifyInstance } from 'fastify';

const ADMIN = 'admin-key-0123456789abcdef';
const INFER = 'infer-key-0123456789abcdef';
const KEYS = [{ scope: 'admin' as const, key: ADMIN }, { scope: 'infer' as const, key: INFER }];
const job = { dataset: { synthetic: { count: 32, seed: 3 } }, attribute: 'Eyeglasses', preset: 'tiny', iterations: 10 };

/** Listens on every interface (as in a container) and returns a fetch against it through loopback. */
async function listenEverywhere(server: FastifyInstance) {
  await server.listen({ port: 0, host: '0.0.0.0' });
  const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  return (url: string, init: RequestInit & { key?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return fetch(base + url, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
  };
}

test('on a loopback-only server (or before listening) everything works without a key', async (t) => {
  const server = await build(t, { jobs: { autoStart: false } });
  const created = await server.inject({ method: 'POST', url: '/v1/jobs', payload: job });
  assert.equal(created.statusCode, 201, created.body);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const port = (server.server.address() as { port: number }).port;
  const listed = await fetch(`http://127.0.0.1:${port}/v1/jobs`);
  assert.equal(listed.status, 200);
});

test('listening beyond loopback without an admin key: job routes answer 403 saying how to configure one; the rest works', async (t) => {
  const server = await build(t, { jobs: { autoStart: false } });
  const call = await listenEverywhere(server);
  for (const [method, url] of [['POST', '/v1/jobs'], ['GET', '/v1/jobs'], ['GET', '/v1/jobs/x'], ['DELETE', '/v1/jobs/x'], ['GET', '/v1/jobs/x/report'], ['GET', '/v1/jobs/x/events']]) {
    const res = await call(url, { method, ...(method === 'POST' ? { json: job } : {}) });
    assert.equal(res.status, 403, `${method} ${url}`);
    const body = await res.json();
    assert.equal(body.code, 'admin_key_required');
    assert.match(body.message, /GENEGAN_API_KEYS="admin:<key>/);
    assert.match(body.message, /--keys-file/);
  }
  assert.equal((await call('/v1/models')).status, 200, 'no infer key configured: the model list is public');
  assert.equal((await call('/health')).status, 200);
  assert.equal((await call('/')).status, 200);
});

test('with keys configured: 401 without or with a wrong key, 403 for an infer key on jobs, admin key does everything', async (t) => {
  const server = await build(t, { jobs: { autoStart: false }, security: { apiKeys: KEYS } });
  const call = await listenEverywhere(server);

  const anonymous = await call('/v1/jobs', { method: 'POST', json: job });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="genegan"');
  assert.deepEqual(await anonymous.json(), {
    statusCode: 401, error: 'Unauthorized', code: 'missing_key',
    message: 'authorization: expected "Bearer <key>" with an admin key, but got no Authorization header',
  });
  const wrong = await call('/v1/jobs', { key: 'not-a-configured-key-at-all' });
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).code, 'bad_key');
  const basic = await call('/v1/jobs', { headers: { authorization: `Basic ${Buffer.from(`x:${ADMIN}`).toString('base64')}` } });
  assert.equal(basic.status, 401, 'only the Bearer scheme is accepted');
  const inferOnJobs = await call('/v1/jobs', { method: 'POST', key: INFER, json: job });
  assert.equal(inferOnJobs.status, 403);
  assert.deepEqual(await inferOnJobs.json(), {
    statusCode: 403, error: 'Forbidden', code: 'wrong_scope', message: 'authorization: expected an admin key, but got an infer key',
  });

  const created = await call('/v1/jobs', { method: 'POST', key: ADMIN, json: job });
  assert.equal(created.status, 201);
  const { id } = await created.json();
  assert.equal((await call(`/v1/jobs/${id}`, { key: ADMIN })).status, 200);
  assert.equal((await call(`/v1/jobs/${id}`, { method: 'DELETE', key: ADMIN })).status, 200);

  assert.equal((await call('/v1/models')).status, 401, 'infer keys configured: the model list needs one');
  assert.equal((await call('/v1/models', { key: INFER })).status, 200);
  assert.equal((await call('/v1/models', { key: ADMIN })).status, 200, 'an admin key also grants infer');
  const swap = await call('/v1/swap', { method: 'POST' });
  assert.equal(swap.status, 401, 'image routes check the key before reading a body');
  assert.equal((await call('/health')).status, 200);
  assert.equal((await call('/docs/json')).status, 200);
});

test('configured keys are required even on loopback', async (t) => {
  const server = await build(t, { jobs: { autoStart: false }, security: { apiKeys: [{ scope: 'admin', key: ADMIN }] } });
  assert.equal((await server.inject({ url: '/v1/jobs' })).statusCode, 401);
  assert.equal((await server.inject({ url: '/v1/jobs', headers: { authorization: `Bearer ${ADMIN}` } })).statusCode, 200);
  assert.equal((await server.inject({ url: '/v1/models' })).statusCode, 200, 'no infer key: image routes and the model list stay open');
});

test('keys never reach the log, even when something logs the request headers', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const server = Fastify({ logger: { ...LOGGER_OPTIONS, level: 'debug', stream } });
  server.addHook('onRequest', async (request) => request.log.info({ headers: request.headers }, 'headers as received'));
  await server.register(app, {
    modelsDir: tempDir(t), dataDir: tempDir(t), datasetsDir: tempDir(t), pool: { size: 1 }, jobs: { autoStart: false },
    security: { apiKeys: KEYS },
  });
  t.after(() => server.close());
  for (const key of [ADMIN, INFER, 'wrong-key-0123456789abcdef']) {
    await server.inject({ url: '/v1/jobs', headers: { authorization: `Bearer ${key}` } });
  }
  const log = lines.join('');
  assert.match(log, /headers as received/);
  assert.match(log, /\[redacted\]/);
  for (const secret of [ADMIN, INFER, 'wrong-key-0123456789abcdef']) assert.ok(!log.includes(secret), `the log holds ${secret}`);
});

test('key configuration: scope:key entries, errors that never echo a key, constant-time lookup by hash', () => {
  assert.deepEqual(parseApiKeys(`admin:${ADMIN}, infer:${INFER}`, 'env'), KEYS);
  assert.deepEqual(parseApiKeys(`# keys\nadmin:${ADMIN}  # the operator\n\ninfer:${INFER}\n`, 'file'), KEYS);
  assert.deepEqual(parseApiKeys('', 'env'), []);
  const refused: [string, RegExp][] = [
    ['root:abcdefghijklmnopqrstuvwxyz', /env entry 1: expected scope infer or admin before the colon, but got "root"/],
    ['admin:short', /env entry 1: expected a key of at least 16 characters, but got 5/],
    ['abcdefghijklmnopqrstuvwxyz', /env entry 1: expected scope:key/],
    ['admin:abcdefghijklmnop"qrstuv', /letters, digits and -._~\+\//],
    [`admin:${ADMIN},infer:${ADMIN}`, /entry 2: expected every key once/],
  ];
  for (const [text, message] of refused) {
    assert.throws(() => parseApiKeys(text, 'env'), (err: Error) => {
      assert.match(err.message, message);
      assert.ok(!err.message.includes('abcdefghijklmnop') && !err.message.includes(ADMIN), err.message);
      return true;
    });
  }
  const ring = createKeyring(KEYS);
  assert.equal(ring.find(ADMIN)?.scope, 'admin');
  assert.equal(ring.find(INFER)?.scope, 'infer');
  assert.match(ring.find(ADMIN)!.id, /^admin-[0-9a-f]{8}$/);
  assert.equal(ring.find(`${ADMIN}x`), undefined);
  assert.equal(ring.find(''), undefined);
  assert.ok(ring.has('admin') && ring.has('infer') && !createKeyring([]).has('admin'));
});
