import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../helper.ts';
import { saveTinyModel, tempDir } from '../support/tinyModel.ts';
import { REPORT_FILES } from '../../src/eval/report.ts';
import { EVAL_REPORT_SUBDIR } from '../../src/server/constants.ts';
import { createPathHider } from '../../src/server/security/hidePaths.ts';

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

test("an evaluation report's HTML is served without the server's directories", async (t) => {
  const dataDir = tempDir(t);
  const datasetsDir = tempDir(t);
  const server = await build(t, { modelsDir: await saveTinyModel(tempDir(t)), dataDir, datasetsDir, jobs: { autoStart: false } });
  const created = await server.inject({ method: 'POST', url: '/v1/jobs', payload: { kind: 'eval', model: 'tiny-eyeglasses', dataset: { synthetic: { count: 32 } }, pairs: 4 } });
  assert.equal(created.statusCode, 201, created.body);
  // What a report may mention: the data it read and the run it wrote (as an evaluation writes them).
  const dir = path.join(server.jobs.runDirOf(created.json().id), EVAL_REPORT_SUBDIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, REPORT_FILES.html), `<p>data ${datasetsDir}/synth, run ${dir}, code ${REPO}/src, cwd ${process.cwd()}</p>`);
  const report = await server.inject({ url: `/v1/jobs/${created.json().id}/report` });
  assert.equal(report.statusCode, 200);
  assert.match(report.body, /data <datasets>\/synth, run <data>\/runs\/[\w-]+\/report/);
  assertNoPaths(report.body, [process.cwd(), REPO, dataDir, datasetsDir], 'the report');
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
