import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../schemas/common.ts';
import { ModelInfoSchema, ModelList } from '../schemas/models.ts';
import type { ModelInfo } from '../models/types.ts';

/** GET /v1/models and /v1/models/:id: what can be served, without exposing server paths. */
const models: FastifyPluginAsyncTypebox = async (app) => {
  const view = (m: ModelInfo) => {
    const { dir: _dir, backend, ...rest } = m;
    return { ...rest, trainedOn: backend, servedOn: app.backend.name };
  };
  app.get('/v1/models', {
    schema: { tags: ['models'], summary: 'list the served models', response: { 200: ModelList } },
  }, async () => ({
    models: app.models.list().map(view),
    problems: app.models.problems().map((p) => ({ id: path.basename(p.dir), message: p.message.split(p.dir).join(path.basename(p.dir)) })),
  }));
  app.get('/v1/models/:id', {
    schema: {
      tags: ['models'], summary: 'one model: attribute, size, bits, method, training summary, backend',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }),
      response: { 200: ModelInfoSchema, 404: ErrorReply },
    },
  }, async (request) => view(app.models.get(request.params.id)));
};

export default models;
