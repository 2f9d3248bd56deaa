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

/** Liveness (/health) and readiness (/ready) probes. */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    uptimeSeconds: Math.round(process.uptime()),
    backend: {
      name: app.backend.name,
      tfjsName: app.backend.tfjsName,
      forced: app.backend.forced,
      details: app.backend.details,
    },
  }));
  app.get('/ready', { schema: { response: { 200: Type.Object({ ready: Type.Boolean() }) } } }, async () => ({ ready: true }));
};

export default health;
