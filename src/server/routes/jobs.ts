import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPORT_FILES } from '../../eval/report.ts';
import { EVAL_REPORT_SUBDIR } from '../constants.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../schemas/common.ts';
import { CreateJobBody, JobIdParams, JobList, JobSchema, JobWithHistory } from '../schemas/jobs.ts';
import { validateEvalParams, validateTrainParams, type CreateJobInput } from '../jobs/validateJob.ts';
import { HttpError } from '../httpError.ts';
import { resolveDatasetPath } from '../jobs/resolveDatasetPath.ts';

const IdParams = JobIdParams;

/** Training jobs: create, list, inspect, cancel. Live events are in routes/jobEvents.ts. */
const jobs: FastifyPluginAsyncTypebox = async (app) => {
  const jobs = app.jobs;
  /** Model ids used by a model or an unfinished job (a new training job must pick another). */
  const takenIds = async () => {
    const used = new Set(app.models.list().map((m) => m.id));
    for (const j of await jobs.list(1000)) if (!['failed', 'cancelled'].includes(j.state)) used.add((j.params as { modelId?: string }).modelId ?? '');
    return (modelId: string) => used.has(modelId);
  };

  app.post('/v1/jobs', {
    schema: {
      tags: ['jobs'], summary: 'start a training job (it registers its model when it finishes) or an evaluation job',
      body: CreateJobBody,
      response: { 201: JobSchema, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply, 429: ErrorReply, 507: ErrorReply },
    },
  }, async (request, reply) => {
    const { kind = 'train', ...input } = request.body;
    const id = randomUUID();
    rejectOtherKindFields(input, kind);
    // Paths are checked now so a bad one is a 400 for the client rather than a failed job later.
    if ('path' in input.dataset) resolveDatasetPath(app.config.datasetsDir, input.dataset.path);
    if (input.classifier !== undefined) resolveDatasetPath(app.config.datasetsDir, input.classifier, 'classifier');
    const job = kind === 'eval'
      ? await jobs.submit('eval', validateEvalParams(input, (m) => app.models.get(m)), id)
      : await jobs.submit('train', validateTrainParams(trainInput(input), id, await takenIds()), id);
    return reply.status(201).header('location', `/v1/jobs/${job.id}`).send(job);
  });

  app.get('/v1/jobs', {
    schema: {
      tags: ['jobs'], summary: 'list jobs, newest first',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }),
      response: { 200: JobList },
    },
  }, async (request) => ({ jobs: await jobs.list(request.query.limit ?? 100) }));

  app.get('/v1/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'one job with its loss history', params: IdParams, response: { 200: JobWithHistory, 404: ErrorReply } },
  }, async (request) => {
    const job = await jobs.get(request.params.id);
    if (!job) throw new HttpError(404, 'unknown_job', `job: no job with id "${request.params.id}"`);
    return { job, history: await jobs.history(job.id) };
  });

  app.get('/v1/jobs/:id/report', {
    schema: {
      tags: ['jobs'], summary: "an evaluation job's self-contained HTML report (metric table, swaps, strength ramps, matrix)",
      params: IdParams,
      response: { 200: { description: 'text/html', content: { 'text/html': { schema: Type.String() } } }, 404: ErrorReply },
    },
  }, async (request, reply) => {
    const job = await jobs.get(request.params.id);
    if (!job) throw new HttpError(404, 'unknown_job', `job: no job with id "${request.params.id}"`);
    const file = path.join(jobs.runDirOf(job.id), EVAL_REPORT_SUBDIR, REPORT_FILES.html);
    if (job.kind !== 'eval' || !existsSync(file)) {
      throw new HttpError(404, 'no_report', `job ${job.id}: expected a finished evaluation job, but it is a ${job.state} ${job.kind} job without a report`);
    }
    return reply.type('text/html; charset=utf-8').send(await readFile(file, 'utf8'));
  });

  app.delete('/v1/jobs/:id', {
    schema: {
      tags: ['jobs'],
      summary: 'cancel a queued or running job (a running job checkpoints and stops after its current iteration), or delete a finished job with its run directory',
      params: IdParams, response: { 200: JobSchema, 404: ErrorReply },
    },
  }, async (request) => jobs.delete(request.params.id));
};

const TRAIN_ONLY = ['preset', 'recipe', 'iterations', 'batchSize', 'seed', 'checkpointEvery', 'sampleEvery', 'quantization', 'name'];
const EVAL_ONLY = ['model', 'split', 'pairs', 'quantized', 'classifier'];

/** A field of the other kind of job is a mistake worth reporting, not something to drop silently. */
function rejectOtherKindFields(input: Record<string, unknown>, kind: 'train' | 'eval'): void {
  const wrong = (kind === 'train' ? EVAL_ONLY : TRAIN_ONLY).find((f) => input[f] !== undefined);
  if (wrong) throw new HttpError(400, 'bad_field', `field ${wrong}: only for ${kind === 'train' ? 'eval' : 'train'} jobs, but this is a ${kind} job`);
}

function trainInput(input: { attribute?: string; iterations?: number } & Record<string, unknown>): CreateJobInput {
  if (input.attribute === undefined) throw new HttpError(400, 'missing_field', 'field attribute: expected the attribute column to train on (e.g. Eyeglasses), but got nothing');
  if (input.iterations === undefined) throw new HttpError(400, 'missing_field', 'field iterations: expected the number of training iterations, but got nothing');
  return input as unknown as CreateJobInput;
}

export default jobs;
