import fp from 'fastify-plugin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPathHider } from '../security/hidePaths.ts';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** A copy of a reply value (or text) with the server's directories replaced by <data>, <datasets>, <models>, <app>, <cwd>. */
    hideServerPaths<T>(value: T): T;
  }
}

/** The repository (or the container's /app) the service runs from. */
const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * No answer shows where the server keeps its files: every JSON reply (errors, jobs and their
 * error texts, model listings) and every HTML reply (evaluation reports) has the data, datasets,
 * models, application and working directories replaced by placeholders. Streams (live job events)
 * call app.hideServerPaths themselves.
 */
export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    const hider = createPathHider([
      { dir: opts.dataDir, name: '<data>' },
      { dir: opts.datasetsDir, name: '<datasets>' },
      { dir: opts.modelsDir, name: '<models>' },
      { dir: APP_DIR, name: '<app>' },
      { dir: process.cwd(), name: '<cwd>' },
    ]);
    app.decorate('hideServerPaths', hider.value);
    app.addHook('preSerialization', async (_request, _reply, payload) => hider.value(payload));
    app.addHook('onSend', async (_request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      return typeof payload === 'string' && type.startsWith('text/html') ? hider.text(payload) : payload;
    });
  },
  { name: 'server-paths' },
);
