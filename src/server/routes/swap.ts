import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { imageResponses } from '../schemas/common.ts';
import { SwapBody, SwapReply } from '../schemas/inference.ts';
import { runImageOp } from '../inference/runImageOp.ts';

/** POST /v1/swap: A0 = Dec(A, 0) and Bu = Dec(B, x) from a (has the attribute) and b (lacks it). */
const swap: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/swap', {
    schema: {
      tags: ['inference'],
      summary: 'swap the attribute between two faces (docs/model.md "Inference operations", (M5))',
      consumes: ['multipart/form-data'],
      body: SwapBody,
      response: imageResponses(SwapReply),
    },
  }, async (request, reply) => {
    return runImageOp(app, request, reply, 'swap', { required: ['a', 'b'] }, {}, (out) => ({
      ...out, inputs: { a: out.inputs.a, b: out.inputs.b }, outputs: { A0: out.outputs.A0, Bu: out.outputs.Bu },
    }));
  });
};

export default swap;
