import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../httpError.ts';
import { isLoopback } from './auth.ts';
import type { RateLimitOptions } from '../security/types.ts';

/** The routes that run a model: each request costs a worker for up to a second or more. */
export const LIMITED_ROUTES = new Set(['/v1/swap', '/v1/transfer', '/v1/remove']);

/**
 * @fastify/rate-limit on the image routes together: requests with a key count against that key,
 * others against the client's address, each with its own allowance (0 = unlimited). The check runs
 * after plugins/auth.ts has identified the key (its onRequest hook is attached first). While the
 * server listens on loopback alone, loopback clients are the machine's own user and benchmarks,
 * and are not limited. The 429 carries Retry-After (seconds until the window resets). With a
 * Redis URL (the scaled-out mode) the counts live in Redis, so they hold across API replicas.
 */
export default fp<RateLimitOptions & { redisUrl?: string }>(
  async (app, opts) => {
    const redis = opts.redisUrl ? new Redis(opts.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 }) : undefined;
    if (redis) {
      redis.on('error', (err) => app.log.error({ err }, 'rate limit store: redis connection error'));
      app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
    }
    const limitOf = (request: FastifyRequest) => (request.apiKey ? opts.perKey : opts.perIp);
    // One allowance shared by the image routes (a per-route configuration would get a store per
    // route): the limiter is global, and every other route is on its allow list.
    const exempt = (request: FastifyRequest) =>
      !LIMITED_ROUTES.has(request.routeOptions.url ?? '') || limitOf(request) === 0 ||
      (!app.access.listensBeyondLoopback() && isLoopback(request.ip));
    await app.register(rateLimit, {
      global: true,
      timeWindow: opts.windowMs,
      max: (request) => limitOf(request) || Number.MAX_SAFE_INTEGER,
      keyGenerator: (request) => (request.apiKey ? `key:${request.apiKey.id}` : `ip:${request.ip}`),
      allowList: exempt,
      // Redis down: image requests go through unlimited rather than failing.
      ...(redis ? { redis, nameSpace: 'genegan:rate-limit:', skipOnError: true } : {}),
      errorResponseBuilder: (request, context) => {
        const who = request.apiKey ? `key ${request.apiKey.id}` : `address ${request.ip}`;
        return new HttpError(429, 'rate_limited',
          `requests: expected at most ${context.max} image requests per ${Math.round(opts.windowMs / 1000)} s from ${who}, but got more; retry in ${Math.max(1, Math.ceil(context.ttl / 1000))} s`);
      },
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
