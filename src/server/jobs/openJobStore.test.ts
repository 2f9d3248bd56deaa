import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openJobStore } from './openJobStore.ts';

const progress = { iteration: 5, iterations: 10, losses: { nulling: 0.5 }, rate: 2, etaSeconds: 2.5, phase: 'training' };

test('jobs, progress and history survive closing and reopening the file', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jobstore-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'jobs.sqlite');
  let store = openJobStore(file);
  const a = store.create('train', { attribute: 'Eyeglasses', iterations: 10 });
  const b = store.create('train', { attribute: 'Smiling', iterations: 3 });
  store.markRunning(a.id, 0);
  store.setProgress(a.id, progress);
  store.addHistory(a.id, { iteration: 1, losses: { nulling: 0.9 } });
  store.addHistory(a.id, { iteration: 5, losses: { nulling: 0.5 } });
  store.close();

  store = openJobStore(file);
  t.after(() => store.close());
  assert.deepEqual(store.list().map((j) => j.id), [b.id, a.id], 'newest first');
  const again = store.get(a.id)!;
  assert.equal(again.state, 'running');
  assert.deepEqual(again.progress, progress);
  assert.deepEqual(again.params, { attribute: 'Eyeglasses', iterations: 10 });
  assert.deepEqual(store.history(a.id).map((p) => p.iteration), [1, 5]);

  assert.deepEqual(store.requeueInterrupted(3, () => 'crashed'), { requeued: [a.id], failed: [] }, 'the running job was interrupted');
  assert.equal(store.get(a.id)!.state, 'queued');
  assert.equal(store.nextQueued()!.id, a.id, 'the interrupted (older) job runs first');
  store.markRunning(a.id, 5);
  assert.equal(store.get(a.id)!.attempts, 2);
  assert.equal(store.get(a.id)!.resumedFrom, 5);
});

test('finish records the outcome; cancelled queued jobs are not picked', () => {
  const store = openJobStore(':memory:');
  const a = store.create('train', {});
  store.markRunning(a.id, 0);
  store.finish(a.id, 'succeeded', { modelId: 'm1' });
  const done = store.get(a.id)!;
  assert.equal(done.state, 'succeeded');
  assert.equal(done.modelId, 'm1');
  assert.ok(done.finishedAt);
  const b = store.create('train', {});
  store.requestCancel(b.id);
  assert.equal(store.nextQueued(), undefined);
  assert.equal(store.get('nope'), undefined);
  store.close();
});

test('a job whose starts keep crashing is failed at the cap; a checkpoint clears the count', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jobstore-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'jobs.sqlite');
  const a = openJobStore(file).create('train', {}).id;
  const message = (n: number) => `crashed ${n} times`;
  for (let start = 1; start <= 2; start++) {
    const store = openJobStore(file); // each start "crashes" the process: the store is reopened
    store.markRunning(a, 0);
    store.close();
    const next = openJobStore(file);
    assert.deepEqual(next.requeueInterrupted(3, message), { requeued: [a], failed: [] }, `start ${start} of 3`);
    if (start === 2) {
      next.markRunning(a, 0);
      next.clearFailedStarts(a); // durable progress: the streak ends
      assert.equal(next.failedStarts(a), 0);
      next.close();
      break;
    }
    next.close();
  }
  for (let start = 1; start <= 3; start++) {
    const store = openJobStore(file);
    store.requeueInterrupted(3, message);
    if (store.get(a)!.state === 'queued') store.markRunning(a, 0);
    store.close();
  }
  const store = openJobStore(file);
  t.after(() => store.close());
  assert.deepEqual(store.requeueInterrupted(3, message), { requeued: [], failed: [a] });
  assert.equal(store.get(a)!.state, 'failed');
  assert.equal(store.get(a)!.error, 'crashed 3 times');
  assert.equal(store.nextQueued(), undefined, 'not queued again');
});
