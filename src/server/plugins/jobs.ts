import fp from 'fastify-plugin';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSqliteJobBackend } from '../jobs/createSqliteJobBackend.ts';
import { createRedisJobBackend } from '../jobs/createRedisJobBackend.ts';
import { resolveDatasetPath } from '../jobs/resolveDatasetPath.ts';
import { TRAINED_MODELS_SUBDIR } from './modelRegistry.ts';
import { BACKEND_ENV } from '../../backend/constants.ts';
import type { JobBackend } from '../jobs/jobBackend.ts';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobBackend;
  }
}

/** The data directory holds runs and models; a `*` .gitignore keeps it out of a checkout's status. */
function keepOutOfGit(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.gitignore');
  if (!existsSync(file)) writeFileSync(file, '# genegan service data (jobs.sqlite, runs, trained models)\n*\n');
}

/**
 * The job backend: SQLite in the data directory with one job process beside this server (the
 * default), or, with a Redis URL, a BullMQ queue whose jobs `genegan worker` processes run.
 */
export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    keepOutOfGit(opts.dataDir);
    const jobs = opts.redisUrl
      ? await createRedisJobBackend({ redisUrl: opts.redisUrl, dataDir: opts.dataDir, options: opts.jobs, onModels: () => app.models.rescan(), log: app.log })
      : await createSqliteJobBackend({
        dataDir: opts.dataDir,
        trainedModelsDir: path.join(opts.dataDir, TRAINED_MODELS_SUBDIR),
        resolveDataset: (p) => resolveDatasetPath(opts.datasetsDir, p),
        onModel: () => app.models.rescan(),
        resolveModel: (id) => app.models.get(id).dir,
        options: opts.jobs,
        env: { ...process.env, [BACKEND_ENV]: opts.workerBackend ?? app.backend.name },
        log: app.log,
      });
    app.decorate('jobs', jobs);
    app.addHook('onClose', () => jobs.close());
  },
  { name: 'jobs', dependencies: ['model-registry', 'backend'] },
);
