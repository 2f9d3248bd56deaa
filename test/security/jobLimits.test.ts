import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../helper.ts';
import { tempDir } from '../support/tinyModel.ts';
import { checkpointIterations, getJob, isAlive, longJob, waitFor, waitForTraining } from './jobSupport.ts';

const post = (app: Awaited<ReturnType<typeof build>>, payload: object) => app.inject({ method: 'POST', url: '/v1/jobs', payload });

test('the job queue is capped: beyond it POST /v1/jobs answers 429 with a clear message', async (t) => {
  const app = await build(t, { jobs: { autoStart: false, maxQueued: 2 } });
  const first = await post(app, longJob);
  assert.equal(first.statusCode, 201);
  assert.equal((await post(app, { ...longJob, attribute: 'Smiling' })).statusCode, 201);
  const full = await post(app, { ...longJob, attribute: 'Bangs' });
  assert.equal(full.statusCode, 429);
  assert.equal(full.json().code, 'queue_full');
  assert.match(full.json().message, /jobs: expected fewer than 2 queued jobs, but 2 are waiting/);
  assert.equal((await app.inject({ method: 'DELETE', url: `/v1/jobs/${first.json().id}` })).statusCode, 200);
  assert.equal((await post(app, { ...longJob, attribute: 'Bangs' })).statusCode, 201, 'room again after a cancel');
});

test('over the disk budget new jobs are refused with 507', async (t) => {
  const app = await build(t, { jobs: { autoStart: false, diskBudgetBytes: 1024 } }); // the SQLite file alone is larger
  const res = await post(app, longJob);
  assert.equal(res.statusCode, 507);
  assert.equal(res.json().code, 'disk_budget');
  assert.match(res.json().message, /expected the data directory to be within its budget of 0\.00 GB, but it holds [\d.]+ GB; delete finished jobs/);
});

test('DELETE of a finished job removes its run directory and never follows a link out of runs/', async (t) => {
  const dataDir = tempDir(t);
  const app = await build(t, { dataDir, jobs: { autoStart: false } });
  const outside = tempDir(t);
  writeFileSync(path.join(outside, 'precious.txt'), 'keep me');
  const ids: string[] = [];
  for (const attribute of ['Eyeglasses', 'Smiling']) {
    const id = (await post(app, { ...longJob, attribute })).json().id;
    assert.equal((await app.inject({ method: 'DELETE', url: `/v1/jobs/${id}` })).json().state, 'cancelled');
    ids.push(id);
  }
  const runs = path.join(dataDir, 'runs');
  mkdirSync(path.join(runs, ids[0], 'checkpoints'), { recursive: true });
  writeFileSync(path.join(runs, ids[0], 'checkpoints', 'x'), 'x');
  symlinkSync(outside, path.join(runs, ids[1]));
  for (const id of ids) {
    const res = await app.inject({ method: 'DELETE', url: `/v1/jobs/${id}` });
    assert.equal(res.statusCode, 200);
    assert.equal((await app.inject({ url: `/v1/jobs/${id}` })).statusCode, 404);
    assert.ok(!existsSync(path.join(runs, id)), 'the run directory (or the link) is gone');
  }
  assert.equal(existsSync(path.join(outside, 'precious.txt')), true, 'the link target outside runs/ is untouched');
  for (const bad of ['..', '%2e%2e', '..%2f..%2fetc']) {
    assert.equal((await app.inject({ method: 'DELETE', url: `/v1/jobs/${bad}` })).statusCode, 404, bad);
  }
});

test('SIGKILL of the job process mid-job: the API keeps answering and the job resumes from its checkpoint', async (t) => {
  const app = await build(t);
  const job = (await post(app, { ...longJob, checkpointEvery: 3 })).json();
  const runDir = app.jobs.runDirOf(job.id);
  await waitFor('a checkpoint', 60_000, () => checkpointIterations(runDir).length > 0);
  const pid = app.jobs.runningPid()!;
  process.kill(pid, 'SIGKILL');
  await waitFor('the job process to be gone', 5_000, () => !isAlive(pid));
  const health = await app.inject({ url: '/health' });
  assert.equal(health.statusCode, 200, 'the API answers');
  const resumed = await waitFor('the job to resume', 60_000, async () => {
    const j = await getJob(app, job.id);
    return j.attempts === 2 && j.state === 'running' && j.resumedFrom > 0 && j.progress?.phase === 'training' && j.progress.iteration > j.resumedFrom && j;
  });
  assert.ok(resumed.resumedFrom >= 3, `resumed from checkpoint iteration ${resumed.resumedFrom}`);
  assert.notEqual(app.jobs.runningPid(), pid);
  assert.equal((await app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}` })).statusCode, 200);
  await waitFor('the job to be cancelled', 15_000, async () => (await getJob(app, job.id)).state === 'cancelled');
});

test('a job whose process crashes at start N times in a row is failed, not queued forever', async (t) => {
  const app = await build(t, { jobs: { maxFailedStarts: 2 } });
  const job = (await post(app, longJob)).json();
  const killed: number[] = [];
  for (let start = 1; start <= 2; start++) {
    const pid = await waitFor(`start ${start}`, 60_000, () => {
      const p = app.jobs.runningPid();
      return p !== null && !killed.includes(p) && p;
    });
    await waitForTraining(app, job.id, 1); // started, but no checkpoint: a crash "at start"
    process.kill(pid, 'SIGKILL');
    killed.push(pid);
  }
  const failed = await waitFor('the job to fail', 15_000, async () => {
    const j = await getJob(app, job.id);
    return j.state === 'failed' && j;
  });
  assert.equal(failed.attempts, 2);
  assert.match(failed.error, /expected the job to start and make progress, but its last 2 starts ended in a crash; it is not started again \(last: SIGKILL\)/);
  assert.equal(app.jobs.runningJobId(), null, 'nothing runs it again');
});
