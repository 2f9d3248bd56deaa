import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../helper.ts';
import { tempDir } from '../support/tinyModel.ts';
import { openJobStore } from '../../src/server/jobs/openJobStore.ts';
import { checkpointIterations, getJob, isAlive, longJob, waitFor, waitForTraining } from './jobSupport.ts';

const root = path.resolve(import.meta.dirname, '../..');

test('cancel stops a job with 100000-iteration checkpoint and sample intervals within 15 s, with a checkpoint; the job process runs at niceness 10', async (t) => {
  const app = await build(t);
  const job = (await app.inject({ method: 'POST', url: '/v1/jobs', payload: longJob })).json();
  await waitForTraining(app, job.id);
  const pid = app.jobs.runningPid()!;
  assert.notEqual(pid, process.pid, 'the job runs in its own process');
  if (process.platform === 'linux') {
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the "(comm)" field).
    const nice = readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]));
    assert.deepEqual([...new Set(nice)], [10], 'every thread of the job process at niceness 10');
  }
  const asked = Date.now();
  const res = await app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}` });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().cancelRequested, true);
  const done = await waitFor('the job to be cancelled', 15_000, async () => {
    const j = await getJob(app, job.id);
    return j.state === 'cancelled' && j;
  });
  const latency = Date.now() - asked;
  t.diagnostic(`cancel latency ${latency} ms`);
  assert.ok(latency < 15_000);
  assert.equal(done.error, null, 'it stopped by itself, not by the grace-period kill');
  await waitFor('the job process to end', 5_000, () => !isAlive(pid));
  const checkpoints = checkpointIterations(app.jobs.runDirOf(job.id));
  assert.ok(checkpoints.length === 1 && checkpoints[0] >= 3, `a checkpoint written at the stop: ${checkpoints}`);
});

test('a job that ignores cancel is killed after the grace period, marked cancelled, and keeps its last checkpoint', async (t) => {
  const app = await build(t, { jobs: { stopGraceMs: 1000 } });
  const job = (await app.inject({ method: 'POST', url: '/v1/jobs', payload: { ...longJob, checkpointEvery: 2 } })).json();
  const runDir = app.jobs.runDirOf(job.id);
  await waitFor('a checkpoint', 60_000, () => checkpointIterations(runDir).length > 0);
  const pid = app.jobs.runningPid()!;
  process.kill(pid, 'SIGSTOP'); // a stopped process reads no messages: it cannot honour the cancel
  t.after(() => isAlive(pid) && process.kill(pid, 'SIGKILL'));
  const kept = checkpointIterations(runDir);
  const asked = Date.now();
  assert.equal((await app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}` })).statusCode, 200);
  const done = await waitFor('the job to be cancelled', 10_000, async () => {
    const j = await getJob(app, job.id);
    return j.state === 'cancelled' && j;
  });
  assert.ok(Date.now() - asked >= 1000, 'not before the grace period');
  assert.match(done.error, /did not stop within 1 s of the cancel and was killed \(SIGKILL\); its last checkpoint is kept/);
  assert.ok(!isAlive(pid));
  assert.deepEqual(checkpointIterations(runDir), kept, 'the last checkpoint is kept');
});

test('a job past its wall-clock limit stops with a checkpoint and fails with a clear error', async (t) => {
  const app = await build(t, { jobs: { maxRunSeconds: 3600 } });
  const tooLong = await app.inject({ method: 'POST', url: '/v1/jobs', payload: { ...longJob, maxRunSeconds: 3601 } });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.json().message, /field maxRunSeconds: expected at most this server's limit of 3600, but got 3601/);
  const job = (await app.inject({ method: 'POST', url: '/v1/jobs', payload: { ...longJob, maxRunSeconds: 4 } })).json();
  const done = await waitFor('the job to fail on its limit', 60_000, async () => {
    const j = await getJob(app, job.id);
    return j.state === 'failed' && j;
  });
  assert.match(done.error, /expected to finish within its wall-clock limit of 4 s, but it ran for \d+ s; its last checkpoint is kept/);
  assert.equal(checkpointIterations(app.jobs.runDirOf(job.id)).length, 1);
});

test('SIGTERM stops `genegan serve` within 15 s with a checkpoint of the running job, which resumes on the next start', async (t) => {
  const data = tempDir(t);
  const server = spawn(process.execPath, ['bin/genegan.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--workers', '1', '--models', tempDir(t), '--data', data, '--datasets', tempDir(t)], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' },
  });
  t.after(() => server.exitCode === null && server.kill('SIGKILL'));
  let log = '';
  server.stdout.on('data', (b) => (log += b));
  server.stderr.on('data', (b) => (log += b));
  const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
  const base = await waitFor('the server to listen', 60_000, () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1]);
  const created = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(longJob) });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  await waitFor('training past iteration 3', 60_000, async () => {
    const { job } = (await (await fetch(`${base}/v1/jobs/${id}`)).json()) as { job: { progress: { phase: string; iteration: number } | null } };
    return job.progress?.phase === 'training' && job.progress.iteration >= 3;
  });
  const pid = Number(/"pid":(\d+)[^\n]*"msg":"job started"/.exec(log)?.[1]);
  assert.ok(pid > 0, 'the job process id is logged');
  const sent = Date.now();
  server.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 15_000))]);
  const latency = Date.now() - sent;
  t.diagnostic(`SIGTERM to exit ${latency} ms`);
  assert.notEqual(code, 'late', `the server still ran 15 s after SIGTERM:\n${log.slice(-2000)}`);
  assert.equal(code, 0);
  assert.ok(!isAlive(pid), 'the job process is gone too');
  const checkpoints = checkpointIterations(path.join(data, 'runs', id));
  assert.ok(checkpoints.length === 1 && checkpoints[0] >= 3, `a checkpoint written at the stop: ${checkpoints}`);
  const store = openJobStore(path.join(data, 'jobs.sqlite'));
  t.after(() => store.close());
  assert.equal(store.get(id)!.state, 'running', 'left to resume on the next start');
  assert.equal(store.failedStarts(id), 0, 'a clean stop is not a crash');
});
