import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../helper.ts';
import { tempDir } from '../support/tinyModel.ts';
import { createPathHider } from '../../src/server/security/createPathHider.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLED = path.join(REPO, 'models');

function assertNoPaths(text: string, dirs: string[], what: string) {
  for (const dir of dirs) assert.ok(!text.includes(dir), `${what} shows ${dir}: ${text.slice(0, 400)}`);
}

test('no answer shows a server directory: models, refused and failed jobs, errors', async (t) => {
  const dataDir = tempDir(t);
  const datasetsDir = tempDir(t);
  const dirs = [process.cwd(), REPO, dataDir, datasetsDir];
  const server = await build(t, { modelsDir: BUNDLED, dataDir, datasetsDir });
  const get = async (url: string) => {
    const res = await server.inject({ url });
    assertNoPaths(res.body, dirs, url);
    return res;
  };
  const models = (await get('/v1/models')).json().models;
  assert.ok(models.length >= 3, 'the bundled models are listed');
  for (const m of models) {
    assert.equal(m.training.data.path, 'data/synth20k');
    await get(`/v1/models/${m.id}`);
  }

  const outside = await server.inject({ method: 'POST', url: '/v1/jobs', payload: { dataset: { path: '../../etc' }, attribute: 'Eyeglasses', iterations: 10 } });
  assert.equal(outside.statusCode, 400);
  assert.match(outside.json().message, /inside the datasets root <datasets>, but got "\.\.\/\.\.\/etc"/);
  assertNoPaths(outside.body, dirs, 'a refused job');

  // An empty dataset folder passes the request checks and fails when the job opens it.
  mkdirSync(path.join(datasetsDir, 'empty'));
  const created = await server.inject({ method: 'POST', url: '/v1/jobs', payload: { dataset: { path: 'empty' }, attribute: 'Eyeglasses', preset: 'tiny', iterations: 10 } });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  let job: { state: string; error: string | null } = created.json();
  for (let i = 0; i < 600 && !['failed', 'succeeded'].includes(job.state); i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await get(`/v1/jobs/${id}`)).json().job;
  }
  assert.equal(job.state, 'failed');
  assert.ok(job.error && job.error.length > 0);
  const events = await server.inject({ url: `/v1/jobs/${id}/events` });
  assert.match(events.body, /event: end/);
  assertNoPaths(events.body, dirs, 'the job events');
  await get('/v1/jobs');
  await get('/nowhere');
});

test('the bundled manifests hold no absolute path', () => {
  for (const model of readdirSync(BUNDLED)) {
    for (const file of readdirSync(path.join(BUNDLED, model)).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(path.join(BUNDLED, model, file), 'utf8');
      assert.doesNotMatch(text, /"\/(?:[\w.-]+\/)*[\w.-]+"/, `${model}/${file}`);
    }
  }
});

test('the path hider replaces whole directories, the most specific first', () => {
  const hide = createPathHider([{ dir: '/srv/app', name: '<app>' }, { dir: '/srv/app/.genegan', name: '<data>' }]);
  assert.equal(hide.text("ENOENT: open '/srv/app/.genegan/runs/x/a.json'"), "ENOENT: open '<data>/runs/x/a.json'");
  assert.equal(hide.text('/srv/app/models and /srv/application and /srv/app'), '<app>/models and /srv/application and <app>');
  assert.deepEqual(hide.value({ a: ['/srv/app/x', 3, null], b: { c: '/srv/app' } }), { a: ['<app>/x', 3, null], b: { c: '<app>' } });
  assert.equal(hide.text('data:image/png;base64,/srv/app'), 'data:image/png;base64,/srv/app', 'images are not scanned');
});
