import { parseArgs } from 'node:util';
import { start } from '../../server/start.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../server/constants.ts';
import type { CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'serve',
  summary: 'start the web service and page (bundled models from models/)',
  usage: `usage: genegan serve [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--models models] [--data .genegan]

  --port     TCP port (env PORT)
  --host     interface to listen on (env HOST)
  --models   directory of model directories to serve
  --data     directory for job state, runs and uploads`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: process.env.PORT ?? String(DEFAULT_PORT) },
        host: { type: 'string', default: process.env.HOST ?? DEFAULT_HOST },
        models: { type: 'string', default: 'models' },
        data: { type: 'string', default: '.genegan' },
      },
    });
    await start({ port: Number(values.port), host: values.host, modelsDir: values.models, dataDir: values.data });
    return await new Promise<number>(() => {}); // runs until a signal closes the server
  },
};
