import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkerPool } from './createWorkerPool.ts';
import type { WorkerPoolConfig } from './types.ts';
import type { HttpError } from '../httpError.ts';

const script = new URL('../../../test/support/poolTestWorker.ts', import.meta.url);

function pool(t: { after(fn: () => unknown): void }, over: Partial<WorkerPoolConfig> = {}) {
  const p = createWorkerPool({ script, size: 1, queueLimit: 2, timeoutMs: 5000, retryAfterSeconds: 3, workerOptions: { tag: 'x' }, ...over });
  t.after(() => p.close(0));
  return p;
}

const statusOf = (code: string, status: number) => (err: HttpError) => err.statusCode === status && err.code === code;

test('tasks run in a worker; buffers move both ways; worker options arrive', async (t) => {
  const p = pool(t);
  const bytes = new Uint8Array([1, 2, 3]);
  const out = await p.run<{ n: number; bytes: Uint8Array; option: string }>('echo', { bytes, n: 7 }, [bytes.buffer]);
  assert.deepEqual([...out.bytes], [2, 4, 6]);
  assert.equal(out.n, 7);
  assert.equal(out.option, 'x');
  assert.equal(bytes.byteLength, 0, 'the input buffer was transferred, not copied');
  assert.equal(p.stats().completed, 1);
});

test('a full queue answers 503 busy with Retry-After at once', async (t) => {
  const p = pool(t);
  await p.warmUp();
  const running = [p.run('sleep', { ms: 300 }), p.run('sleep', { ms: 10 }), p.run('sleep', { ms: 10 })]; // 1 running + 2 queued
  await assert.rejects(p.run('sleep', { ms: 1 }), (err: HttpError) => {
    assert.equal(err.statusCode, 503);
    assert.equal(err.code, 'busy');
    assert.equal(err.headers['Retry-After'], '3');
    return true;
  });
  assert.deepEqual(await Promise.all(running), [300, 10, 10], 'the accepted tasks are unharmed');
  assert.equal(p.stats().rejectedFull, 1);
});

test('a worker error keeps its status and code, and the worker keeps serving', async (t) => {
  const p = pool(t);
  await assert.rejects(p.run('fail', {}), statusOf('no_face', 422));
  assert.equal(await p.run('sleep', { ms: 1 }), 1);
});

test('a task past its deadline gets 503 timeout; the worker is replaced and the queue moves on', async (t) => {
  const p = pool(t);
  await p.warmUp();
  const slow = p.run('sleep', { ms: 5000 }, [], { timeoutMs: 300 });
  await assert.rejects(slow, statusOf('timeout', 503));
  assert.equal(await p.run('sleep', { ms: 5 }), 5, 'a fresh worker took over');
  assert.equal(p.stats().restarts, 1);
});

test('a crashing worker fails only its own task and is respawned', async (t) => {
  const p = pool(t, { size: 2, queueLimit: 4 });
  await p.warmUp();
  const [crash, fine] = await Promise.allSettled([p.run('crash', {}), p.run('sleep', { ms: 50 })]);
  assert.equal(crash.status, 'rejected');
  assert.equal((crash as PromiseRejectedResult).reason.code, 'worker_crashed');
  assert.deepEqual(fine, { status: 'fulfilled', value: 50 });
  assert.equal(await p.run('sleep', { ms: 1 }), 1);
  assert.equal(p.stats().started, 2);
});

test('close refuses queued tasks and lets the running one finish', async (t) => {
  const p = createWorkerPool({ script, size: 1, queueLimit: 4, timeoutMs: 5000, retryAfterSeconds: 1 });
  await p.warmUp();
  const running = p.run('sleep', { ms: 150 });
  const queued = p.run('sleep', { ms: 1 });
  await new Promise((r) => setTimeout(r, 20));
  const closed = p.close(2000);
  await assert.rejects(queued, statusOf('shutting_down', 503));
  assert.equal(await running, 150);
  await closed;
  await assert.rejects(p.run('sleep', { ms: 1 }), statusOf('shutting_down', 503));
  t.after(() => {});
});
