import { coalesced } from './coalesced.ts';
import path from 'node:path';
import { openJobStore } from './openJobStore.ts';
import { createJobEvents, type JobEvent } from './createJobEvents.ts';
import { createJobRunner, type JobRunnerConfig } from './createJobRunner.ts';
import { createDiskMonitor } from './createDiskMonitor.ts';
import { applyRetention } from './applyRetention.ts';
import { findLatestSample } from './findLatestSample.ts';
import { readFile } from 'node:fs/promises';
import { JOB_DB_FILE } from '../constants.ts';
import type { JobBackend } from './jobBackend.ts';
import type { JobRunnerOptions } from '../types.ts';

/** Housekeeping also runs this often, besides after every job. */
const HOUSEKEEPING_INTERVAL_MS = 15 * 60_000;

export interface SqliteJobBackendConfig extends Omit<JobRunnerConfig, 'store' | 'events' | 'diskUsage' | 'onJobEnd'> {
  options: JobRunnerOptions;
}

/**
 * The embedded backend: jobs in SQLite in the data directory, run one at a time in a child
 * process of this server (createJobRunner.ts), events fanned out in memory, and housekeeping (the
 * retention policy and the data directory's size for the disk budget).
 */
export async function createSqliteJobBackend(config: SqliteJobBackendConfig): Promise<JobBackend> {
  const { dataDir, options, log } = config;
  const store = openJobStore(path.join(dataDir, JOB_DB_FILE));
  const events = createJobEvents();
  const disk = createDiskMonitor(dataDir);
  // One retention pass at a time; one asked for during a pass runs after it.
  const housekeeping = coalesced(async () => {
    const removed = await applyRetention(dataDir, store, options);
    if (removed.jobs.length + removed.runs.length + removed.datasets.length > 0) log.info({ removed }, 'retention: old jobs, runs and datasets deleted');
    await disk.refresh();
  }, (err) => log.error({ err }, 'retention pass failed'));
  await housekeeping();
  const runner = createJobRunner({ ...config, store, events, diskUsage: disk.bytes, onJobEnd: () => void housekeeping() });
  const timer = setInterval(() => void housekeeping(), HOUSEKEEPING_INTERVAL_MS).unref();

  return {
    mode: 'sqlite',
    submit: async (kind, params, id) => runner.submit(kind, params, id),
    get: async (id) => store.get(id),
    list: async (limit) => store.list(limit),
    history: async (id) => store.history(id),
    delete: (id) => runner.delete(id),
    /** From memory while the job runs here; from its run directory after a restart. */
    async latestSample(id) {
      const live = events.latestSample(id);
      if (live) return live;
      const onDisk = await findLatestSample(runner.runDirOf(id));
      return onDisk && { iteration: onDisk.iteration, png: new Uint8Array(await readFile(onDisk.file)) };
    },
    // Events of this process carry no ids: a client that reconnects gets a fresh snapshot.
    async subscribe(id, _after, listener) {
      let buffered: JobEvent[] | null = [];
      const unsubscribe = events.subscribe(id, (e) => (buffered ? buffered.push(e) : listener(e, null)));
      return {
        position: null,
        async start() {
          const pending = buffered ?? [];
          buffered = null;
          for (const e of pending) listener(e, null);
        },
        unsubscribe,
      };
    },
    runDirOf: runner.runDirOf,
    runningJobId: runner.runningJobId,
    runningPid: runner.runningPid,
    housekeeping,
    async close() {
      clearInterval(timer);
      await runner.close();
      await housekeeping.running();
      store.close();
    },
  };
}
