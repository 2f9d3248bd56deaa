import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import configPlugin from './plugins/config.ts';
import backend from './plugins/backend.ts';
import errorHandler from './plugins/errorHandler.ts';
import helmet from './plugins/helmet.ts';
import auth from './plugins/auth.ts';
import rateLimit from './plugins/rateLimit.ts';
import serverPaths from './plugins/serverPaths.ts';
import swagger from './plugins/swagger.ts';
import multipart from './plugins/multipart.ts';
import acceptsPlugin from './plugins/accepts.ts';
import staticFiles from './plugins/static.ts';
import modelRegistry from './plugins/modelRegistry.ts';
import inferencePool from './plugins/inferencePool.ts';
import jobsPlugin from './plugins/jobs.ts';
import health from './routes/health.ts';
import models from './routes/models.ts';
import swap from './routes/swap.ts';
import transfer from './routes/transfer.ts';
import remove from './routes/remove.ts';
import jobs from './routes/jobs.ts';
import jobEvents from './routes/jobEvents.ts';
import { resolveAppOptions, resolveSecurityOptions } from './resolveAppOptions.ts';
import type { AppOptions } from './types.ts';

/**
 * The whole service as one Fastify plugin; it never calls listen (see src/server/start.ts).
 * External plugins first (one file each), then the app's own plugins, then the routes. Wrapped
 * with fastify-plugin so the server that registers it sees its decorators (pool, models, jobs).
 */
const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  const config = resolveAppOptions(opts);
  const security = resolveSecurityOptions(opts.security);
  await fastify.register(errorHandler);
  await fastify.register(configPlugin, config);
  // Before any route: auth and rate limits attach their hooks to routes as they are added.
  await fastify.register(helmet);
  await fastify.register(auth, security);
  await fastify.register(rateLimit, { ...security.rateLimit, redisUrl: config.redisUrl });
  await fastify.register(serverPaths, config);
  await fastify.register(backend, config);
  await fastify.register(swagger);
  await fastify.register(multipart, config);
  await fastify.register(acceptsPlugin);
  await fastify.register(staticFiles);
  await fastify.register(modelRegistry, config);
  await fastify.register(inferencePool, config);
  await fastify.register(jobsPlugin, config);
  for (const routes of [health, models, swap, transfer, remove, jobs, jobEvents]) await fastify.register(routes);
};

export default fp(app, { name: 'genegan', fastify: '5.x' });
