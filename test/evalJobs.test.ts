import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from './helper.ts';
import { saveTinyModel, tempDir } from './support/tinyModel.ts';
import { parseSse } from './support/readSse.ts';

const evalJob = { kind: 'eval', model: 'tiny-eyeglasses', dataset: { synthetic: { count: 32, seed: 3 } }, pairs: 4 };

test('an evaluation job scores a served model and serves its report', async (t) => {
  const app = await build(t, { modelsDir: await saveTinyModel(tempDir(t)) });
  const post = (payload: object) => app.inject({ method: 'POST', url: '/v1/jobs', payload });

  const wrongKind = await post({ ...evalJob, iterations: 10 });
  assert.equal(wrongKind.statusCode, 400);
  assert.match(wrongKind.json().message, /field iterations: only for train jobs, but this is a eval job/);
  const noModel = await post({ ...evalJob, model: undefined });
  assert.equal(noModel.statusCode, 400);
  assert.match(noModel.json().message, /field model: expected the id of the model to evaluate/);
  assert.equal((await post({ ...evalJob, model: 'nope' })).statusCode, 404);

  const created = await post(evalJob);
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  assert.equal((await app.inject({ url: `/v1/jobs/${id}/report` })).statusCode, 404, 'no report before it finishes');
  // The events stream of a job ends when the job does.
  const events = parseSse((await app.inject({ url: `/v1/jobs/${id}/events` })).body);
  const end = events.at(-1)!;
  assert.equal(end.event, 'end');
  assert.equal(end.data.job.state, 'succeeded', end.data.job.error ?? '');
  assert.ok(events.some((e) => e.event === 'progress'), 'progress while evaluating');
  const result = end.data.job.result;
  assert.ok(result.data.pairs >= 1 && result.data.pairs <= 4, `pairs scored: ${result.data.pairs} (at most the test split's)`);
  assert.equal(result.variants[0].source, 'model');
  assert.equal(result.variants[0].modelDir, 'tiny-eyeglasses');
  assert.doesNotMatch(JSON.stringify(result), /\/tmp\//, 'no server paths in the result');
  const report = await app.inject({ url: `/v1/jobs/${id}/report` });
  assert.equal(report.statusCode, 200);
  assert.match(report.headers['content-type'] as string, /text\/html/);
  assert.match(report.body, /<html/i);
});
