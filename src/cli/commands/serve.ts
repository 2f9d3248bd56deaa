import { parseArgs } from 'node:util';
import { start } from '../../server/start.ts';
import { DEFAULT_DATA_DIR, DEFAULT_DATASETS_DIR, DEFAULT_HOST, DEFAULT_MODELS_DIR, DEFAULT_POOL, DEFAULT_PORT, DEFAULT_RATE_LIMIT } from '../../server/constants.ts';
import { parseApiKeys, readKeysFile } from '../../server/security/apiKeys.ts';
import { floatFlag, integerFlag } from '../flags.ts';
import { UsageError, type CliCommand } from '../types.ts';
import { DEFAULT_JOB_OPTIONS } from '../../server/jobs/resolveJobOptions.ts';
import type { JobRunnerOptions } from '../../server/types.ts';

export const command: CliCommand = {
  name: 'serve',
  summary: 'start the web service and page (bundled models from models/)',
  usage: `usage: genegan serve [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--models ${DEFAULT_MODELS_DIR}] [--data ${DEFAULT_DATA_DIR}]
                     [--datasets ${DEFAULT_DATASETS_DIR}] [--workers N] [--queue N] [--keys-file FILE]
                     [--ip-rate ${DEFAULT_RATE_LIMIT.perIp}] [--key-rate ${DEFAULT_RATE_LIMIT.perKey}] [--redis URL]

Serves the REST API (OpenAPI at /docs), the web page at /, and training jobs.
  --port      TCP port (env PORT)
  --host      interface to listen on (env HOST)
  --models    directory of model directories to serve
  --data      directory for job state (SQLite), runs and job-trained models
  --datasets  root of the dataset folders training jobs may name
  --workers   model worker threads (default: one per core)
  --redis     jobs on a BullMQ queue in this Redis, run by \`genegan worker\` (env GENEGAN_REDIS_URL);
              the server is then a stateless replica (docs/deploy.md). Default: SQLite in --data
  --queue     requests waiting for a worker before 503 (default ${DEFAULT_POOL.queueLimit})
Keys and limits (docs/service.md "Deploying"):
  --keys-file FILE        API keys, one scope:key per line, scope infer or admin (env GENEGAN_KEYS_FILE);
                          GENEGAN_API_KEYS="admin:<key>,infer:<key>" adds keys from the environment.
                          On 127.0.0.1 no key is needed; on any other address jobs need an admin key.
  --ip-rate N             image requests per minute per client address without a key; 0 = unlimited
  --trust-proxy ADDRS     behind a proxy: take the client address from X-Forwarded-For when the request
                          comes from these proxy addresses (comma-separated IPs, CIDRs, or loopback,
                          linklocal, uniquelocal; env GENEGAN_TRUST_PROXY; default none)
  --key-rate N            image requests per minute per key; 0 = unlimited
Job limits (docs/service.md "Deploying"):
  --max-queued-jobs N     queued jobs before POST /v1/jobs answers 429 (default ${DEFAULT_JOB_OPTIONS.maxQueued})
  --job-max-hours H       wall-clock limit of one job; a job may ask for less (default ${DEFAULT_JOB_OPTIONS.maxRunSeconds / 3600})
  --disk-budget-gb G      data directory size beyond which new jobs get 507; 0 = none (default ${DEFAULT_JOB_OPTIONS.diskBudgetBytes / 1024 ** 3})
  --keep-synthetic N      synthetic datasets kept in the cache (default ${DEFAULT_JOB_OPTIONS.keepSyntheticDatasets})
  --job-retention-days D  finished jobs and their runs are deleted after D days; 0 = never (default ${DEFAULT_JOB_OPTIONS.retentionDays})
Logs are JSON lines (pino); LOG_LEVEL=debug|info|warn sets the level. Ctrl-C closes gracefully.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: process.env.PORT ?? String(DEFAULT_PORT) },
        host: { type: 'string', default: process.env.HOST ?? DEFAULT_HOST },
        models: { type: 'string', default: DEFAULT_MODELS_DIR },
        data: { type: 'string', default: DEFAULT_DATA_DIR },
        datasets: { type: 'string', default: DEFAULT_DATASETS_DIR },
        workers: { type: 'string' },
        queue: { type: 'string' },
        'max-queued-jobs': { type: 'string' },
        'job-max-hours': { type: 'string' },
        'disk-budget-gb': { type: 'string' },
        'keep-synthetic': { type: 'string' },
        'job-retention-days': { type: 'string' },
        redis: { type: 'string', default: process.env.GENEGAN_REDIS_URL || undefined },
        'trust-proxy': { type: 'string', default: process.env.GENEGAN_TRUST_PROXY || undefined },
        'keys-file': { type: 'string', default: process.env.GENEGAN_KEYS_FILE },
        'ip-rate': { type: 'string', default: String(DEFAULT_RATE_LIMIT.perIp) },
        'key-rate': { type: 'string', default: String(DEFAULT_RATE_LIMIT.perKey) },
      },
    });
    const pool = {
      ...(values.workers === undefined ? {} : { size: integerFlag(values.workers, 'workers', { min: 1 }) }),
      ...(values.queue === undefined ? {} : { queueLimit: integerFlag(values.queue, 'queue', { min: 0 }) }),
    };
    await start({
      port: integerFlag(values.port, 'port', { min: 0 }), host: values.host, modelsDir: values.models, dataDir: values.data,
      datasetsDir: values.datasets, pool, jobs: jobOptions(values), redisUrl: values.redis,
      trustProxy: values['trust-proxy'],
      security: {
        apiKeys: apiKeys(values['keys-file']),
        rateLimit: { perIp: integerFlag(values['ip-rate'], 'ip-rate', { min: 0 }), perKey: integerFlag(values['key-rate'], 'key-rate', { min: 0 }) },
      },
    });
    return await new Promise<number>(() => {}); // runs until a signal closes the server
  },
};

/** Keys from GENEGAN_API_KEYS and the keys file together; a malformed entry stops the start. */
function apiKeys(file: string | undefined) {
  try {
    return [...parseApiKeys(process.env.GENEGAN_API_KEYS ?? '', 'GENEGAN_API_KEYS'), ...(file ? readKeysFile(file) : [])];
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Job limits given on the command line; the rest keep their defaults (resolveJobOptions checks ranges). */
function jobOptions(v: Record<string, string | boolean | undefined>): Partial<JobRunnerOptions> {
  const number = (flag: string, scale: number) => {
    const text = v[flag];
    return typeof text === 'string' ? Math.round(floatFlag(text, flag, { min: 0 }) * scale) : undefined;
  };
  const options: Partial<JobRunnerOptions> = {
    maxQueued: number('max-queued-jobs', 1), maxRunSeconds: number('job-max-hours', 3600), diskBudgetBytes: number('disk-budget-gb', 1024 ** 3),
    keepSyntheticDatasets: number('keep-synthetic', 1), retentionDays: number('job-retention-days', 1),
  };
  return Object.fromEntries(Object.entries(options).filter(([, n]) => n !== undefined));
}

