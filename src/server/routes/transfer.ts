import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { imageResponses } from '../schemas/common.ts';
import { TransferBody, TransferReply } from '../schemas/inference.ts';
import { runImageOp } from '../inference/runImageOp.ts';
import { HttpError } from '../httpError.ts';
import { DEFAULT_MATRIX_SIDE } from '../constants.ts';

const FOUR = ['exemplar0', 'exemplar1', 'exemplar2', 'exemplar3'];

/**
 * POST /v1/transfer: the target gains an exemplar's attribute with a strength (single), a
 * weighted mix of four exemplars' object parts (mix), or the bilinear 4-exemplar matrix.
 */
const transfer: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/transfer', {
    schema: {
      tags: ['inference'],
      summary: 'add the attribute from one exemplar (strength) or four (weights or matrix)',
      consumes: ['multipart/form-data'],
      body: TransferBody,
      response: imageResponses(TransferReply),
    },
  }, async (request, reply) => {
    const body = request.body;
    const mode = transferMode(request);
    const strength = body.strength ?? 1;
    if (mode === 'single') {
      return runImageOp(app, request, reply, 'transfer', { required: ['target', 'exemplar'] }, { strength }, (out) => ({
        ...out, mode, matrix: null, outputs: { Bu: out.outputs.Bu },
      }));
    }
    const weights = body.weights === undefined ? undefined : parseWeights(body.weights);
    const matrixSide = weights ? undefined : (body.matrix ?? DEFAULT_MATRIX_SIDE);
    return runImageOp(app, request, reply, 'transfer', { required: ['target', ...FOUR] }, { strength, weights, matrixSide }, (out) => ({
      ...out, mode, outputs: weights ? { Bu: out.outputs.Bu } : {},
    }));
  });
};

/** single: one `exemplar`; otherwise exactly the four exemplar0..3 (mix with weights, else matrix). */
function transferMode(request: FastifyRequest): 'single' | 'mix' | 'matrix' {
  const files = request.uploadedFiles ?? new Map();
  const body = request.body as { weights?: string };
  const four = FOUR.filter((f) => files.has(f));
  if (files.has('exemplar')) {
    if (four.length > 0) throw new HttpError(400, 'bad_field', `fields exemplar and ${four.join(', ')}: expected either one exemplar or four (exemplar0..exemplar3), but got both`);
    return 'single';
  }
  if (four.length === 0) {
    throw new HttpError(400, 'missing_field', 'field exemplar: expected one exemplar image, or four in exemplar0..exemplar3, but got none');
  }
  if (four.length !== FOUR.length) {
    const missing = FOUR.filter((f) => !files.has(f));
    throw new HttpError(400, 'missing_field', `field ${missing[0]}: expected four exemplars (exemplar0..exemplar3), but got ${four.length}`);
  }
  return body.weights === undefined ? 'matrix' : 'mix';
}

function parseWeights(text: string): number[] {
  const weights = text.split(',').map((w) => Number(w.trim()));
  if (weights.length !== FOUR.length || weights.some((w) => !Number.isFinite(w))) {
    throw new HttpError(400, 'bad_field', `field weights: expected four comma-separated numbers, but got "${text}"`);
  }
  return weights;
}

export default transfer;
