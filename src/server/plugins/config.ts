import fp from 'fastify-plugin';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's options with defaults filled (resolveAppOptions). */
    config: ResolvedAppOptions;
  }
}

/** Makes the resolved options available to every route and plugin. */
export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    app.decorate('config', opts);
  },
  { name: 'config' },
);
