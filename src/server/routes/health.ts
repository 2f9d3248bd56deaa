import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Health = Type.Object({
  status: Type.Literal('ok'),
  uptimeSeconds: Type.Number(),
  backend: Type.Object({
    name: Type.String(),
    tfjsName: Type.String(),
    forced: Type.Boolean(),
    details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  }),
});

const Ready = Type.Object({
  ready: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why not ready' }),
  workers: Type.Object({
    size: Type.Integer(), ready: Type.Integer(), busy: Type.Integer(), queued: Type.Integer(),
    completed: Type.Integer(), failed: Type.Integer(), timedOut: Type.Integer(), rejectedFull: Type.Integer(), restarts: Type.Integer(),
  }),
  models: Type.Integer({ description: 'models that can be served' }),
  modelProblems: Type.Integer({ description: 'model directories that could not be read (see GET /v1/models)' }),
  runningJob: Type.Union([Type.String(), Type.Null()]),
});

/**
 * Liveness (/health: the process answers) and readiness (/ready: the model workers have started
 * when the server was asked to start them, 503 until then — what a load balancer should poll).
 */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['health'], response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    uptimeSeconds: Math.round(process.uptime()),
    backend: { name: app.backend.name, tfjsName: app.backend.tfjsName, forced: app.backend.forced, details: app.backend.details },
  }));
  app.get('/ready', { schema: { tags: ['health'], response: { 200: Ready, 503: Ready } } }, async (_request, reply) => {
    const { started: _s, ...workers } = app.pool.stats();
    const waiting = app.config.pool.warmUp && workers.ready === 0;
    const body = {
      ready: !waiting,
      reason: waiting ? 'model workers are starting' : null,
      workers,
      models: app.models.list().length,
      modelProblems: app.models.problems().length,
      runningJob: app.jobs.runningJobId(),
    };
    return reply.status(waiting ? 503 : 200).send(body);
  });
};

export default health;
