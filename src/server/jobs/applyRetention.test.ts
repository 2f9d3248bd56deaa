import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyRetention } from './applyRetention.ts';
import { openJobStore } from './openJobStore.ts';
import { resolveJobOptions } from './resolveJobOptions.ts';

const DAY = 24 * 3600 * 1000;

test('retention deletes old finished jobs, orphaned runs, old sample grids and least recently used synthetic sets', async (t) => {
  const data = mkdtempSync(path.join(os.tmpdir(), 'retention-'));
  t.after(() => rmSync(data, { recursive: true, force: true }));
  const store = openJobStore(':memory:');
  t.after(() => store.close());
  const runs = path.join(data, 'runs');
  const datasets = path.join(data, 'datasets');
  const old = store.create('train', {}).id;
  store.finish(old, 'succeeded');
  const queued = store.create('train', { preset: 'tiny', dataset: { synthetic: { count: 32, seed: 1 } } }).id;
  for (const id of [old, queued, 'orphan']) mkdirSync(path.join(runs, id, 'samples'), { recursive: true });
  for (let i = 1; i <= 5; i++) writeFileSync(path.join(runs, queued, 'samples', `iter-${String(i * 10).padStart(7, '0')}.png`), '');
  // Five cached sets, oldest first; the oldest is the one the queued job needs (tiny = 64 px).
  const sets = ['synth-64px-32-seed1', 'synth-64px-16-seed1', 'synth-64px-16-seed2', 'synth-64px-16-seed3', 'synth-64px-16-seed4'];
  sets.forEach((name, i) => {
    mkdirSync(path.join(datasets, name), { recursive: true });
    utimesSync(path.join(datasets, name), new Date(Date.now() - (10 - i) * 1000), new Date(Date.now() - (10 - i) * 1000));
  });
  mkdirSync(path.join(datasets, 'synth-64px-16-seed9.tmp-999999999-1'));
  mkdirSync(path.join(datasets, `synth-64px-16-seed8.tmp-${process.pid}-1`));

  const options = resolveJobOptions({ keepSyntheticDatasets: 2, retentionDays: 7, keepSamples: 2 });
  const removed = await applyRetention(data, store, options, Date.now() + 8 * DAY);
  assert.deepEqual(removed.jobs, [old]);
  assert.equal(store.get(old), undefined);
  assert.deepEqual(removed.runs, ['orphan']);
  assert.deepEqual(readdirSync(runs), [queued]);
  assert.equal(removed.samples, 3);
  assert.deepEqual(readdirSync(path.join(runs, queued, 'samples')), ['iter-0000040.png', 'iter-0000050.png']);
  assert.deepEqual(readdirSync(datasets).sort(), [
    'synth-64px-16-seed3', 'synth-64px-16-seed4', // the two most recently used
    `synth-64px-16-seed8.tmp-${process.pid}-1`, // being drawn by a live process
    'synth-64px-32-seed1', // in use by the queued job
  ]);
  assert.ok(existsSync(path.join(data, 'runs')));
});
