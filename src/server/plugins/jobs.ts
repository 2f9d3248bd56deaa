import fp from 'fastify-plugin';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openJobStore, type JobStore } from '../jobs/openJobStore.ts';
import { createJobEvents, type JobEvents } from '../jobs/createJobEvents.ts';
import { createJobRunner, type JobRunner } from '../jobs/createJobRunner.ts';
import { resolveDatasetPath } from '../jobs/resolveDatasetPath.ts';
import { TRAINED_MODELS_SUBDIR } from './modelRegistry.ts';
import { JOB_DB_FILE } from '../constants.ts';
import { BACKEND_ENV } from '../../backend/constants.ts';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: { store: JobStore; events: JobEvents; runner: JobRunner };
  }
}

/** Grace period for a running training job to write its checkpoint when the server closes. */
const JOB_STOP_GRACE_MS = 30_000;

/** The job store (SQLite in the data directory), live job events and the runner. */
/** The data directory holds runs and models; a `*` .gitignore keeps it out of a checkout's status. */
function keepOutOfGit(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.gitignore');
  if (!existsSync(file)) writeFileSync(file, '# genegan service data (jobs.sqlite, runs, trained models)\n*\n');
}

export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    keepOutOfGit(opts.dataDir);
    const store = openJobStore(path.join(opts.dataDir, JOB_DB_FILE));
    const events = createJobEvents();
    const runner = createJobRunner({
      store,
      events,
      dataDir: opts.dataDir,
      trainedModelsDir: path.join(opts.dataDir, TRAINED_MODELS_SUBDIR),
      resolveDataset: (p) => resolveDatasetPath(opts.datasetsDir, p),
      onModel: () => app.models.rescan(),
      resolveModel: (id) => app.models.get(id).dir,
      autoStart: opts.jobs.autoStart,
      env: { ...process.env, [BACKEND_ENV]: opts.workerBackend ?? app.backend.name },
      log: app.log,
    });
    app.decorate('jobs', { store, events, runner });
    app.addHook('onClose', async () => {
      await runner.close(JOB_STOP_GRACE_MS);
      store.close();
    });
  },
  { name: 'jobs', dependencies: ['model-registry', 'backend'] },
);
