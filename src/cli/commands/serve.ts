import { parseArgs } from 'node:util';
import { start } from '../../server/start.ts';
import { DEFAULT_DATA_DIR, DEFAULT_DATASETS_DIR, DEFAULT_HOST, DEFAULT_MODELS_DIR, DEFAULT_POOL, DEFAULT_PORT } from '../../server/constants.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'serve',
  summary: 'start the web service and page (bundled models from models/)',
  usage: `usage: genegan serve [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--models ${DEFAULT_MODELS_DIR}] [--data ${DEFAULT_DATA_DIR}]
                     [--datasets ${DEFAULT_DATASETS_DIR}] [--workers N] [--queue N]

Serves the REST API (OpenAPI at /docs), the web page at /, and training jobs.
  --port      TCP port (env PORT)
  --host      interface to listen on (env HOST)
  --models    directory of model directories to serve
  --data      directory for job state (SQLite), runs and job-trained models
  --datasets  root of the dataset folders training jobs may name
  --workers   model worker threads (default: one per core)
  --queue     requests waiting for a worker before 503 (default ${DEFAULT_POOL.queueLimit})
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
      },
    });
    const pool = {
      ...(values.workers === undefined ? {} : { size: count(values.workers, 'workers', 1) }),
      ...(values.queue === undefined ? {} : { queueLimit: count(values.queue, 'queue', 0) }),
    };
    await start({
      port: count(values.port, 'port', 0), host: values.host, modelsDir: values.models, dataDir: values.data,
      datasetsDir: values.datasets, pool,
    });
    return await new Promise<number>(() => {}); // runs until a signal closes the server
  },
};

function count(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag}: expected an integer >= ${min}, but got "${text}"`);
  return n;
}
