import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { imageResponses } from '../schemas/common.ts';
import { RemoveBody, RemoveReply } from '../schemas/inference.ts';
import { runImageOp } from '../inference/runImageOp.ts';

/** POST /v1/remove: Dec(A, 0), the face without the attribute. */
const remove: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/remove', {
    schema: {
      tags: ['inference'],
      summary: 'remove the attribute from one face',
      consumes: ['multipart/form-data'],
      body: RemoveBody,
      response: imageResponses(RemoveReply),
    },
  }, async (request, reply) => {
    return runImageOp(app, request, reply, 'remove', { required: ['image'] }, {}, (out) => ({
      ...out, inputs: { image: out.inputs.image }, outputs: { A0: out.outputs.A0 },
    }));
  });
};

export default remove;
