import fp from 'fastify-plugin';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openJobStore, type JobStore } from '../jobs/openJobStore.ts';
import { createJobEvents, type JobEvents } from '../jobs/createJobEvents.ts';
import { createJobRunner, type JobRunner } from '../jobs/createJobRunner.ts';
import { createDiskMonitor } from '../jobs/createDiskMonitor.ts';
import { applyRetention } from '../jobs/applyRetention.ts';
import { resolveDatasetPath } from '../jobs/resolveDatasetPath.ts';
import { TRAINED_MODELS_SUBDIR } from './modelRegistry.ts';
import { JOB_DB_FILE } from '../constants.ts';
import { BACKEND_ENV } from '../../backend/constants.ts';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: { store: JobStore; events: JobEvents; runner: JobRunner; housekeeping(): Promise<void> };
  }
}

/** Retention and the disk measurement also run this often, besides after every job. */
const HOUSEKEEPING_INTERVAL_MS = 15 * 60_000;

/** The data directory holds runs and models; a `*` .gitignore keeps it out of a checkout's status. */
function keepOutOfGit(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.gitignore');
  if (!existsSync(file)) writeFileSync(file, '# genegan service data (jobs.sqlite, runs, trained models)\n*\n');
}

/**
 * The job store (SQLite in the data directory), live job events, the runner (job processes), and
 * housekeeping: the retention policy and the data directory's size for the disk budget.
 */
export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    keepOutOfGit(opts.dataDir);
    const store = openJobStore(path.join(opts.dataDir, JOB_DB_FILE));
    const events = createJobEvents();
    const disk = createDiskMonitor(opts.dataDir);
    let pass: Promise<void> | null = null;
    // One pass at a time; a pass asked for during one runs after it.
    let again = false;
    const housekeeping = (): Promise<void> => {
      if (pass) {
        again = true;
        return pass;
      }
      pass = (async () => {
        do {
          again = false;
          const removed = await applyRetention(opts.dataDir, store, opts.jobs);
          if (removed.jobs.length + removed.runs.length + removed.datasets.length > 0) app.log.info({ removed }, 'retention: old jobs, runs and datasets deleted');
          await disk.refresh();
        } while (again);
      })().catch((err) => app.log.error({ err }, 'retention pass failed')).finally(() => (pass = null));
      return pass;
    };
    await housekeeping();
    const runner = createJobRunner({
      store,
      events,
      dataDir: opts.dataDir,
      trainedModelsDir: path.join(opts.dataDir, TRAINED_MODELS_SUBDIR),
      resolveDataset: (p) => resolveDatasetPath(opts.datasetsDir, p),
      onModel: () => app.models.rescan(),
      resolveModel: (id) => app.models.get(id).dir,
      options: opts.jobs,
      diskUsage: disk.bytes,
      onJobEnd: () => void housekeeping(),
      env: { ...process.env, [BACKEND_ENV]: opts.workerBackend ?? app.backend.name },
      log: app.log,
    });
    const timer = setInterval(() => void housekeeping(), HOUSEKEEPING_INTERVAL_MS).unref();
    app.decorate('jobs', { store, events, runner, housekeeping });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await runner.close();
      await pass;
      store.close();
    });
  },
  { name: 'jobs', dependencies: ['model-registry', 'backend'] },
);
