import type { TestContext } from 'node:test';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import app from '../src/server/app.ts';
import { tempDir } from './support/tinyModel.ts';
import type { AppOptions } from '../src/server/types.ts';

/**
 * Builds the app for app.inject tests and closes it when the test ends. Unless the test says
 * otherwise, models, job data and datasets live in fresh temporary directories and the pool has
 * one worker (workers start on the first model request only).
 */
export async function build(t: TestContext, options: AppOptions = {}, serverOptions: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const server = await buildApp({
    modelsDir: options.modelsDir ?? tempDir(t, 'genegan-models-'),
    dataDir: options.dataDir ?? tempDir(t, 'genegan-data-'),
    datasetsDir: options.datasetsDir ?? tempDir(t, 'genegan-datasets-'),
    ...options,
  }, serverOptions);
  t.after(() => server.close());
  return server;
}

/** The app in a Fastify server the caller closes (restart tests); one pool worker by default. */
export async function buildApp(options: AppOptions, serverOptions: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({ logger: false, ...serverOptions });
  await server.register(app, { ...options, pool: { size: 1, ...options.pool } });
  await server.ready();
  return server;
}
