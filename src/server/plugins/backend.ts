import fp from 'fastify-plugin';
import { selectBackend } from '../../backend/selectBackend.ts';
import type { BackendInfo } from '../../backend/types.ts';
import type { AppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    backend: BackendInfo;
  }
}

/** Decorates the app with the engine backend chosen at start-up (logged once by selectBackend). */
export default fp<AppOptions>(
  async (app, opts) => {
    const info = opts.backend ?? (await selectBackend({ log: (line) => app.log.info(line) }));
    app.decorate('backend', info);
  },
  { name: 'backend' },
);
