import type { TestContext } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import app from '../src/server/app.ts';
import type { AppOptions } from '../src/server/types.ts';

/** Builds the app for app.inject tests and closes it when the test ends. */
export async function build(t: TestContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  await server.register(app, options);
  await server.ready();
  t.after(() => server.close());
  return server;
}
