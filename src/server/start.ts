import Fastify from 'fastify';
import app from './app.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './constants.ts';
import type { AppOptions } from './types.ts';

export interface StartOptions extends AppOptions {
  port?: number;
  host?: string;
}

/** Builds the Fastify server around the app plugin, listens, and closes gracefully on signals. */
export async function start(options: StartOptions = {}) {
  const server = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  await server.register(app, options);
  const close = async (signal: string) => {
    server.log.info(`${signal}: closing`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await server.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
  return server;
}
