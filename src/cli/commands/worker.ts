import path from 'node:path';
import { parseArgs } from 'node:util';
import { createQueueWorker } from '../../server/jobs/createQueueWorker.ts';
import { DEFAULT_JOB_OPTIONS } from '../../server/jobs/resolveJobOptions.ts';
import { DEFAULT_DATA_DIR, DEFAULT_DATASETS_DIR, DEFAULT_MODELS_DIR } from '../../server/constants.ts';
import { TRAINED_MODELS_SUBDIR } from '../../server/plugins/modelRegistry.ts';
import { integerFlag } from '../flags.ts';
import { UsageError, type CliCommand } from '../types.ts';

const DEFAULT_LOCK_MS = 30_000;

export const command: CliCommand = {
  name: 'worker',
  summary: 'run training and evaluation jobs from the Redis queue (the scaled-out mode, docs/deploy.md)',
  usage: `usage: genegan worker [--redis URL] [--concurrency 1] [--data ${DEFAULT_DATA_DIR}] [--runs DIR] [--models DIR]
                      [--bundled ${DEFAULT_MODELS_DIR}] [--datasets ${DEFAULT_DATASETS_DIR}] [--lock-ms ${DEFAULT_LOCK_MS}]

Takes jobs that \`genegan serve --redis URL\` replicas queued, runs each in its own process, and
registers finished models where every replica serves them.
  --redis        the queue's Redis (env GENEGAN_REDIS_URL; required)
  --concurrency  jobs run at once (one per core on a CPU, one per GPU; default 1)
  --data         base of the paths below (the API replicas' --data, on a shared volume)
  --runs         shared run directory: checkpoints and outputs (default <data>/runs)
  --models       shared directory finished models are registered in (default <data>/${TRAINED_MODELS_SUBDIR})
  --bundled      bundled models, which evaluation jobs may name
  --datasets     root of the dataset folders jobs may name (the replicas' --datasets)
  --lock-ms      a job whose worker is silent this long (it died) is resumed by another worker
Logs are JSON lines. SIGTERM or Ctrl-C checkpoints running jobs and puts them back in the queue.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        redis: { type: 'string', default: process.env.GENEGAN_REDIS_URL || undefined },
        concurrency: { type: 'string', default: '1' },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        runs: { type: 'string' },
        models: { type: 'string' },
        bundled: { type: 'string', default: DEFAULT_MODELS_DIR },
        datasets: { type: 'string', default: DEFAULT_DATASETS_DIR },
        'lock-ms': { type: 'string', default: String(DEFAULT_LOCK_MS) },
      },
    });
    if (!values.redis) throw new UsageError('--redis: expected the Redis URL of the job queue (or GENEGAN_REDIS_URL), but got nothing');
    const data = path.resolve(values.data);
    const log = jsonLog();
    const worker = await createQueueWorker({
      redisUrl: values.redis, concurrency: integerFlag(values.concurrency, 'concurrency', { min: 1 }),
      runsDir: path.resolve(values.runs ?? path.join(data, 'runs')),
      modelsDir: path.resolve(values.models ?? path.join(data, TRAINED_MODELS_SUBDIR)),
      bundledModelsDir: path.resolve(values.bundled), datasetsDir: path.resolve(values.datasets),
      syntheticDir: path.join(data, 'datasets'), lockMs: integerFlag(values['lock-ms'], 'lock-ms', { min: 1000 }),
      options: DEFAULT_JOB_OPTIONS, env: process.env, log,
    });
    log.info({ redis: redactUrl(values.redis), concurrency: values.concurrency }, 'worker ready');
    let closing = false;
    const close = async (signal: string) => {
      if (closing) process.exit(130);
      closing = true;
      log.info({}, `${signal}: checkpointing running jobs and closing`);
      await worker.close();
      log.info({}, 'closed');
      process.exit(0);
    };
    process.on('SIGINT', () => void close('SIGINT'));
    process.on('SIGTERM', () => void close('SIGTERM'));
    return await new Promise<number>(() => {}); // runs until a signal closes it
  },
};

/** JSON lines like the server's pino logs (level 30 info, 40 warn, 50 error). */
function jsonLog() {
  const write = (level: number) => (o: object, msg: string) => {
    const fields = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v instanceof Error ? { message: v.message, stack: v.stack } : v]));
    process.stdout.write(JSON.stringify({ level, time: Date.now(), pid: process.pid, ...fields, msg }) + '\n');
  };
  return { info: write(30), warn: write(40), error: write(50) };
}

/** A password in the URL stays out of the log. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:[redacted]@');
}

