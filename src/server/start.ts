import Fastify from 'fastify';
import app from './app.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './constants.ts';
import type { AppOptions } from './types.ts';

export interface StartOptions extends AppOptions {
  port?: number;
  host?: string;
  /**
   * Proxy addresses whose X-Forwarded-For is believed (comma-separated IPs, CIDRs or proxy-addr's
   * names loopback, linklocal, uniquelocal); none by default, when the socket's address is the
   * client's. Behind a load balancer the per-address rate limit needs it, or every client shares the
   * proxy's one address.
   */
  trustProxy?: string;
}

/**
 * Logger options of the service. Fastify's request serializer logs no headers, but a hook or a
 * library that logs a request or its headers must still not write an API key into the log.
 */
export const LOGGER_OPTIONS = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: ['headers.authorization', '*.headers.authorization', 'req.headers.authorization', '*.authorization'], censor: '[redacted]' },
};

/** Exit code after a second signal, when the user does not want to wait for the graceful close. */
const FORCED_EXIT = 130;

/**
 * Builds the Fastify server around the app plugin (pino logs; LOG_LEVEL sets the level), starts
 * the model workers at once, listens, and closes gracefully on SIGINT/SIGTERM: no new requests,
 * running ones finish, a running training job checkpoints (it resumes on the next start), then
 * the job database closes. A second signal exits at once.
 */
export async function start(options: StartOptions = {}) {
  const server = Fastify({ logger: LOGGER_OPTIONS, requestTimeout: 120_000, trustProxy: options.trustProxy ?? false });
  await server.register(app, { ...options, pool: { warmUp: true, ...options.pool } });
  let closing = false;
  const close = async (signal: string) => {
    if (closing) {
      server.log.warn(`${signal} again: exiting without waiting`);
      process.exit(FORCED_EXIT);
    }
    closing = true;
    server.log.info(`${signal}: closing (finishing requests, checkpointing a running job)`);
    await server.close();
    server.log.info('closed');
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  await server.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
  return server;
}
