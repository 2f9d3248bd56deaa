import path from 'node:path';
import type { TestContext } from 'node:test';
import { createQueueWorker } from '../../src/server/jobs/createQueueWorker.ts';
import { DEFAULT_JOB_OPTIONS } from '../../src/server/jobs/resolveJobOptions.ts';
import { redisSkip, startRedis } from './redisServer.ts';
import type { AppOptions } from '../../src/server/types.ts';

/** The two job backends the job route tests run against. */
export const JOB_MODES = [
  { name: 'sqlite', skip: false },
  { name: 'redis', skip: redisSkip },
] as const;

export type JobModeName = (typeof JOB_MODES)[number]['name'];

const quiet = process.env.GENEGAN_TEST_WORKER_LOG ? { info: (o: object, m: string) => console.error(m, o), warn: (o: object, m: string) => console.error(m, o), error: (o: object, m: string) => console.error(m, o) } : { info() {}, warn() {}, error() {} };

/**
 * What a test needs of a mode: app options (a fresh redis-server in Redis mode), and whether jobs
 * run by themselves. In SQLite mode the server runs them; in Redis mode `startWorker` starts a
 * `genegan worker` in this process (its jobs still run in their own processes) on the app's data.
 */
export async function jobMode(t: TestContext, name: JobModeName) {
  const redisUrl = name === 'redis' ? (await startRedis(t)).url : undefined;
  return {
    name,
    options: (redisUrl ? { redisUrl } : {}) satisfies Partial<AppOptions>,
    /** Redis mode: a worker on `dataDir` (runs/, models/) until stopped; SQLite mode: nothing (the server runs jobs). */
    async startWorker(dataDir: string, lockMs = 30_000) {
      if (!redisUrl) return { close: async () => {} };
      const worker = await createQueueWorker({
        redisUrl, concurrency: 1, runsDir: path.join(dataDir, 'runs'), modelsDir: path.join(dataDir, 'models'),
        bundledModelsDir: path.join(dataDir, 'no-bundled-models'), datasetsDir: path.join(dataDir, 'no-datasets'),
        syntheticDir: path.join(dataDir, 'datasets'), lockMs, options: DEFAULT_JOB_OPTIONS, env: process.env, log: quiet,
      });
      t.after(() => worker.close());
      return worker;
    },
  };
}
