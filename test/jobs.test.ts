import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, buildApp } from './helper.ts';
import { tempDir } from './support/tinyModel.ts';
import { multipart } from './support/makeImages.ts';
import { parseSse, readSse } from './support/readSse.ts';
import { JOB_MODES, jobMode } from './support/jobModes.ts';
import { waitFor } from './security/jobSupport.ts';

const tinyJob = { dataset: { synthetic: { count: 32, seed: 3 } }, attribute: 'Eyeglasses', preset: 'tiny', recipe: 'fast', iterations: 40, batchSize: 4, checkpointEvery: 10, sampleEvery: 10 };

// Every test runs against both job backends: SQLite beside the server, and BullMQ in a real Redis.
for (const { name: modeName, skip } of JOB_MODES) {
test(`${modeName}: job requests are validated with errors that name the field`, { skip }, async (t) => {
  const mode = await jobMode(t, modeName);
  const app = await build(t, { ...mode.options, jobs: { autoStart: false } });
  const post = (payload: object) => app.inject({ method: 'POST', url: '/v1/jobs', payload });
  const cases: [object, number, RegExp][] = [
    [{ ...tinyJob, preset: 'huge' }, 400, /field preset: expected one of .*tiny.*, but got "huge"/],
    [{ ...tinyJob, recipe: 'magic' }, 400, /field recipe: expected one of paper, fast, but got "magic"/],
    [{ ...tinyJob, dataset: { path: '../../etc' } }, 400, /field dataset.path: expected a directory inside the datasets root/],
    [{ ...tinyJob, dataset: { path: 'not-there' } }, 400, /"not-there" does not exist/],
    [{ ...tinyJob, iterations: 0 }, 400, /iterations/],
    [{ ...tinyJob, iterations: undefined }, 400, /iterations/],
    [{ ...tinyJob, quantization: { method: 'balanced', wbits: 9 } }, 400, /wbits/],
  ];
  for (const [payload, status, message] of cases) {
    const res = await post(payload);
    assert.equal(res.statusCode, status, res.body);
    assert.match(res.json().message, message);
  }
  const ok = await post({ ...tinyJob, name: 'my-model' });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.headers.location, `/v1/jobs/${ok.json().id}`);
  const dup = await post({ ...tinyJob, name: 'my-model' });
  assert.equal(dup.statusCode, 409);
  assert.match(dup.json().message, /"my-model" is already used/);
  assert.equal((await app.inject({ url: '/v1/jobs/nope' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'DELETE', url: '/v1/jobs/nope' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/v1/jobs/nope/events' })).statusCode, 404);
});

test(`${modeName}: queued jobs survive a restart; cancel works on a queued job; a finished stream ends`, { skip }, async (t) => {
  const mode = await jobMode(t, modeName);
  const dataDir = tempDir(t);
  const opts = { ...mode.options, dataDir, modelsDir: tempDir(t), datasetsDir: tempDir(t), jobs: { autoStart: false } };
  let app = await buildApp(opts);
  const a = (await app.inject({ method: 'POST', url: '/v1/jobs', payload: tinyJob })).json();
  const b = (await app.inject({ method: 'POST', url: '/v1/jobs', payload: { ...tinyJob, attribute: 'Smiling' } })).json();
  await app.close();

  app = await buildApp(opts);
  t.after(() => app.close());
  const listed = (await app.inject({ url: '/v1/jobs' })).json().jobs;
  assert.deepEqual(listed.map((j: { id: string }) => j.id), [b.id, a.id]);
  assert.deepEqual(listed[1].params, a.params);
  assert.equal(listed[1].state, 'queued');

  const cancelled = await app.inject({ method: 'DELETE', url: `/v1/jobs/${a.id}` });
  assert.equal(cancelled.statusCode, 200);
  assert.equal(cancelled.json().state, 'cancelled');
  const stream = await app.inject({ url: `/v1/jobs/${a.id}/events` });
  assert.equal(stream.headers['content-type'], 'text/event-stream; charset=utf-8');
  assert.deepEqual(parseSse(stream.body).map((e) => e.event), ['snapshot', 'end']);
  const deleted = await app.inject({ method: 'DELETE', url: `/v1/jobs/${a.id}` });
  assert.equal(deleted.statusCode, 200, 'a second DELETE deletes the finished job');
  assert.equal(deleted.json().state, 'cancelled');
  assert.equal((await app.inject({ url: `/v1/jobs/${a.id}` })).statusCode, 404, 'it is gone');
});

test(`${modeName}: a training job streams progress, is interrupted by a restart, resumes from its checkpoint and registers its model`, { skip }, async (t) => {
  const mode = await jobMode(t, modeName);
  const opts = { ...mode.options, dataDir: tempDir(t), modelsDir: tempDir(t), datasetsDir: tempDir(t) };
  let app = await buildApp(opts);
  t.after(() => app.close()); // whichever instance is current when the test ends
  let worker = await mode.startWorker(opts.dataDir);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = () => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const job = (await app.inject({ method: 'POST', url: '/v1/jobs', payload: { ...tinyJob, name: 'tiny-job-model' } })).json();

  const seen = await readSse(`${base()}/v1/jobs/${job.id}/events`, (e, all) =>
    e.event === 'progress' && e.data.iteration >= 15 && all.some((x) => x.event === 'sample'));
  assert.equal(seen[0].event, 'snapshot');
  const progress = seen.filter((e) => e.event === 'progress' && e.data.phase === 'training');
  assert.ok(progress.length > 0, 'progress events while training');
  for (const name of ['nulling', 'reconstructionAu', 'reconstructionB0', 'parallelogram']) assert.ok(Number.isFinite(progress.at(-1)!.data.losses[name]), name);
  assert.ok(progress.at(-1)!.data.rate > 0);
  const sample = seen.find((e) => e.event === 'sample')!;
  assert.match(sample.data.image, /^data:image\/png;base64,/);
  await app.close(); // graceful: the job process stops after its iteration and checkpoints
  await worker.close(); // Redis mode: the worker does the same and puts the job back in the queue

  const interrupted = (await (app = await buildApp({ ...opts, jobs: { autoStart: false } })).inject({ url: `/v1/jobs/${job.id}` })).json();
  assert.equal(interrupted.job.state, 'queued', 'the interrupted job waits to resume');
  assert.ok(interrupted.history.length > 0, 'its loss history survived');
  await app.close();

  app = await buildApp(opts);
  worker = await mode.startWorker(opts.dataDir);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const rest = await readSse(`${base()}/v1/jobs/${job.id}/events`, (e) => e.event === 'end');
  const end = rest.at(-1)!;
  assert.equal(end.event, 'end');
  assert.equal(end.data.job.state, 'succeeded', end.data.job.error ?? '');
  assert.equal(end.data.job.attempts, 2);
  assert.ok(end.data.job.resumedFrom >= 10, `resumed from checkpoint iteration ${end.data.job.resumedFrom}`);
  const firstProgress = rest.find((e) => e.event === 'progress' && e.data.phase === 'training');
  assert.ok(firstProgress!.data.iteration > end.data.job.resumedFrom, 'training continued after the checkpoint, not from 0');

  // A replica learns of a worker's model from a Redis message, a moment after the job ends.
  const model = await waitFor('the model to be served', 15_000, async () => {
    const res = await app.inject({ url: '/v1/models/tiny-job-model' });
    return res.statusCode === 200 && res;
  });
  assert.equal(model.json().attribute, 'Eyeglasses');
  assert.equal(model.json().training.iterations, 40);
  assert.equal(model.json().source, 'trained');
  const face = readFileSync(path.join(import.meta.dirname, '../public/samples/with-1.jpg'));
  const swap = await app.inject({ method: 'POST', url: '/v1/swap', ...(await multipart([['a', face], ['b', face]], { model: 'tiny-job-model', align: 'none' })) });
  assert.equal(swap.statusCode, 200, swap.body);
});
}
