import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import app from '../../src/server/app.ts';
import { tempDir } from '../support/tinyModel.ts';
import type { TestContext } from 'node:test';

/** The app with a JSON log kept in memory, to check that bad bodies are not logged as server errors. */
async function withLog(t: TestContext) {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  const server = Fastify({ logger: { level: 'info', stream } });
  await server.register(app, { modelsDir: tempDir(t), dataDir: tempDir(t), datasetsDir: tempDir(t), pool: { size: 1 }, jobs: { autoStart: false } });
  t.after(() => server.close());
  return { server, lines };
}

const part = '--XYZ\r\nContent-Disposition: form-data; name="a"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n';

test('malformed multipart bodies get 400 with a message, logged below error level', async (t) => {
  const { server, lines } = await withLog(t);
  const cases: [string, string, string, RegExp][] = [
    ['no boundary', 'multipart/form-data', `${part}\r\n--XYZ--\r\n`, /Boundary not found/],
    ['a wrong boundary', 'multipart/form-data; boundary=OTHER', `${part}\r\n--XYZ--\r\n`, /Unexpected end of multipart data/],
    ['a truncated body', 'multipart/form-data; boundary=XYZ', part, /Unexpected end of multipart data/],
    ['text only', 'multipart/form-data; boundary=XYZ', 'hello world', /Unexpected end of multipart data/],
  ];
  for (const [name, type, payload, reason] of cases) {
    const res = await server.inject({ method: 'POST', url: '/v1/swap', headers: { 'content-type': type }, payload });
    assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
    const body = res.json();
    assert.equal(body.code, 'bad_multipart', name);
    assert.match(body.message, /^body: expected a complete multipart\/form-data body with the boundary of its content-type header, but got one that does not parse \(/);
    assert.match(body.message, reason, name);
  }
  // busboy skips a part whose header does not parse; the image field is then missing.
  const badHeader = await server.inject({
    method: 'POST', url: '/v1/swap', headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
    payload: '--XYZ\r\nnot a header line at all\r\n\r\nx\r\n--XYZ--\r\n',
  });
  assert.equal(badHeader.statusCode, 400);
  assert.match(badHeader.json().message, /required property 'a'/);
  const twice = await server.inject({
    method: 'POST', url: '/v1/swap', headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
    payload: '--XYZ\r\nContent-Disposition: form-data; name="align"\r\n\r\nnone\r\n--XYZ\r\nContent-Disposition: form-data; name="align"\r\n\r\nauto\r\n--XYZ--\r\n',
  });
  assert.equal(twice.statusCode, 400);
  assert.equal(twice.json().message, 'field align: expected one value, but got several');
  const long = await server.inject({
    method: 'POST', url: '/v1/swap', headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
    payload: `--XYZ\r\nContent-Disposition: form-data; name="model"\r\n\r\n${'m'.repeat(70_000)}\r\n--XYZ--\r\n`,
  });
  assert.equal(long.statusCode, 413);
  assert.equal(long.json().message, 'field model: expected at most 65536 bytes, but got more');
  assert.deepEqual(lines.filter((l) => l.level >= 50), [], 'nothing logged at error level');
});

test('bad JSON bodies get 400 that say what was expected', async (t) => {
  const { server, lines } = await withLog(t);
  const post = (payload: string, type = 'application/json') => server.inject({ method: 'POST', url: '/v1/jobs', headers: { 'content-type': type }, payload });
  const cases: [string, RegExp][] = [
    ['{"dataset":', /^body: expected a JSON document \(content-type application\/json\), but got text that does not parse as JSON/],
    ['', /^body: expected a JSON document \(content-type application\/json\), but got an empty body$/],
    ['{"__proto__":{"x":1}}', /does not parse as JSON or names __proto__/],
    ['[]', /body must be object/],
    ['"text"', /body must be object/],
  ];
  for (const [payload, message] of cases) {
    const res = await post(payload);
    assert.equal(res.statusCode, 400, `${payload}: ${res.body}`);
    assert.match(res.json().message, message);
  }
  assert.equal((await post('x', 'application/x-unknown')).statusCode, 415);
  assert.deepEqual(lines.filter((l) => l.level >= 50), []);
});
