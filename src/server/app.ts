import type { FastifyPluginAsync } from 'fastify';
import backend from './plugins/backend.ts';
import errorHandler from './plugins/errorHandler.ts';
import health from './routes/health.ts';
import type { AppOptions } from './types.ts';

/** The whole service as one Fastify plugin; it never calls listen (see src/server/start.ts). */
const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  await fastify.register(errorHandler);
  await fastify.register(backend, opts);
  await fastify.register(health);
};

export default app;
