import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './support/tinyModel.ts';
import { redisSkip, startRedis } from './support/redisServer.ts';
import { streamEvents, type SseEntry } from './support/sseClient.ts';
import { isAlive, waitFor } from './security/jobSupport.ts';

const root = path.resolve(import.meta.dirname, '..');
const CHECKPOINT_EVERY = 10;
const job = (name: string, iterations: number) => ({
  dataset: { synthetic: { count: 32, seed: 3 } }, attribute: 'Eyeglasses', preset: 'tiny', recipe: 'fast',
  iterations, batchSize: 4, checkpointEvery: CHECKPOINT_EVERY, sampleEvery: CHECKPOINT_EVERY, name,
});

interface Proc {
  child: ChildProcess;
  log: () => string;
}

function run(t: TestContext, args: string[]): Proc {
  const child = spawn(process.execPath, ['bin/genegan.js', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } });
  t.after(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  let log = '';
  child.stdout!.on('data', (b) => (log += b));
  child.stderr!.on('data', (b) => (log += b));
  return { child, log: () => log };
}

/** Redis, two API replicas and two workers, all real processes sharing one data directory. */
async function startCluster(t: TestContext) {
  const redis = await startRedis(t);
  const data = tempDir(t, 'genegan-shared-');
  const empty = tempDir(t, 'genegan-bundled-');
  const api = [0, 1].map(() => run(t, ['serve', '--redis', redis.url, '--port', '0', '--workers', '1', '--models', empty, '--data', data, '--datasets', tempDir(t)]));
  const workers = [0, 1].map(() => run(t, ['worker', '--redis', redis.url, '--data', data, '--bundled', empty, '--lock-ms', '2000']));
  const urls = await Promise.all(api.map((p) => waitFor('an API replica to listen', 60_000, () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(p.log())?.[1])));
  await Promise.all(workers.map((w) => waitFor('a worker to be ready', 60_000, () => w.log().includes('"msg":"worker ready"'))));
  return { data, api, urls, workers };
}

const post = async (base: string, body: object) => {
  const res = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string };
};
/** Iterations in a run's losses.jsonl (a resumed run drops the lines after its checkpoint). */
const iterationsIn = (runDir: string) => readFileSync(path.join(runDir, 'losses.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).iteration as number);
const getJson = async (url: string) => (await fetch(url)).json() as Promise<any>;

/** The worker (and its job process) that logged starting this job, latest start last. */
function startsOf(workers: Proc[], id: string) {
  return workers.flatMap((w, index) => w.log().split('\n').filter((l) => l.includes('"msg":"job started"') && l.includes(id)).map((l) => ({ index, worker: w, jobPid: JSON.parse(l).pid as number })));
}

test('scaled out: a job created on replica 1 and watched on replica 2 survives the SIGKILL of its worker; an API replica dies under a streaming client', { skip: redisSkip, timeout: 180_000 }, async (t) => {
  const { data, api, urls, workers } = await startCluster(t);

  await t.test('the other worker resumes the job from its last checkpoint; the model is served by both replicas', async () => {
    const { id } = await post(urls[0], job('scaled-model', 60));
    let killedAt = -1;
    let killed: ReturnType<typeof startsOf>[number] | null = null;
    const watching = streamEvents(`${urls[1]}/v1/jobs/${id}/events`, null, (e) => e.event === 'end', (e) => {
      // Past the first checkpoint: kill the worker that runs the job, and its job process, like a lost machine.
      if (!killed && e.event === 'progress' && e.data.phase === 'training' && e.data.iteration >= CHECKPOINT_EVERY + 5) {
        killed = startsOf(workers, id)[0];
        process.kill(killed.worker.child.pid!, 'SIGKILL');
        process.kill(killed.jobPid, 'SIGKILL');
        // What the dead worker trained (the run log, before another worker can take the job over).
        setTimeout(() => (killedAt = Math.max(...iterationsIn(path.join(data, 'runs', id)))), 300);
      }
    });
    const { events } = await watching;
    assert.ok(killed, 'the job trained past its first checkpoint');
    const dead = killed as ReturnType<typeof startsOf>[number];
    assert.ok(!isAlive(dead.jobPid));
    const end = events.at(-1)!;
    assert.equal(end.event, 'end');
    assert.equal(end.data.job.state, 'succeeded', end.data.job.error ?? '');
    const starts = startsOf(workers, id);
    assert.deepEqual(starts.map((s) => s.index).sort(), [0, 1], 'started once by each worker: by the second after the kill');
    assert.equal(end.data.job.attempts, 2, 'counted as one job started twice');
    const resumedFrom = end.data.job.resumedFrom as number;
    assert.ok(resumedFrom >= CHECKPOINT_EVERY, `resumed from checkpoint iteration ${resumedFrom}, not restarted`);
    assert.ok(killedAt >= CHECKPOINT_EVERY + 5, `killed at iteration ${killedAt}`);
    assert.ok(killedAt - resumedFrom <= CHECKPOINT_EVERY, `trained again: ${resumedFrom + 1}..${killedAt}, at most one checkpoint interval`);
    assert.deepEqual(iterationsIn(path.join(data, 'runs', id)), Array.from({ length: 60 }, (_, i) => i + 1), 'every iteration once in the run log, 60 in all');
    for (const base of urls) {
      const model = await waitFor(`the model on ${base}`, 15_000, async () => {
        const res = await fetch(`${base}/v1/models/scaled-model`);
        return res.status === 200 && ((await res.json()) as any);
      });
      assert.equal(model.training.iterations, 60);
      const { jobs } = await getJson(`${base}/v1/jobs`);
      assert.deepEqual(jobs.map((j: any) => [j.id, j.state]), [[id, 'succeeded']], 'one job: none lost, none duplicated');
    }
  });

  await t.test('cancel sent to either replica reaches the worker that runs the job, within one iteration', async () => {
    const { id } = await post(urls[0], { ...job('never-finished', 100_000), checkpointEvery: 100_000, sampleEvery: 100_000 });
    await waitFor('the job to train', 60_000, async () => {
      const { job: j } = await getJson(`${urls[1]}/v1/jobs/${id}`);
      return j.state === 'running' && j.progress?.iteration >= 2;
    });
    const [start] = startsOf(workers, id);
    const asked = performance.now();
    const res = await fetch(`${urls[1]}/v1/jobs/${id}`, { method: 'DELETE' });
    assert.equal(res.status, 200, await res.clone().text());
    const done = await waitFor('the job to stop', 15_000, async () => {
      const { job: j } = await getJson(`${urls[0]}/v1/jobs/${id}`);
      return j.state === 'cancelled' && !isAlive(start.jobPid) && j;
    });
    assert.ok(performance.now() - asked < 15_000);
    assert.ok(done.progress.iteration < 100_000, `stopped at iteration ${done.progress.iteration}`);
  });

  await t.test('a client whose replica dies reconnects to the other with Last-Event-ID and misses nothing', async () => {
    const { id } = await post(urls[1], job('second-model', 30));
    let stop = false;
    const first = await streamEvents(`${urls[0]}/v1/jobs/${id}/events`, null, (e) => e.event === 'end', (e) => {
      if (!stop && e.event === 'progress' && e.data.phase === 'training' && e.data.iteration >= 5) {
        stop = true;
        api[0].child.kill('SIGKILL');
      }
    });
    assert.ok(first.broken, 'the stream broke with its replica');
    const lastId = first.events.at(-1)!.id;
    assert.match(lastId ?? '', /^\d+-\d+$/, 'events carry stream ids');
    const rest = await streamEvents(`${urls[1]}/v1/jobs/${id}/events`, lastId, (e) => e.event === 'end');
    assert.equal(rest.events.at(-1)!.event, 'end');
    assert.equal(rest.events.at(-1)!.data.job.state, 'succeeded');
    // Everything the job's stream holds after the first connection's snapshot, read afresh.
    const all = await streamEvents(`${urls[1]}/v1/jobs/${id}/events`, first.events[0].id, (e) => e.event === 'end');
    const ids = (events: SseEntry[]) => events.filter((e) => e.event !== 'snapshot' && e.event !== 'end').map((e) => e.id);
    assert.ok(ids(all.events).length > 3);
    assert.deepEqual([...ids(first.events), ...ids(rest.events)], ids(all.events), 'the two connections together saw every event once, in order');
  });
});
