import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../schemas/common.ts';
import { CreateJobBody, JobList, JobSchema, JobWithHistory } from '../schemas/jobs.ts';
import { validateTrainParams } from '../jobs/validateTrainParams.ts';
import { HttpError } from '../httpError.ts';
import { resolveDatasetPath } from '../jobs/resolveDatasetPath.ts';

const IdParams = Type.Object({ id: Type.String() });

/** Training jobs: create, list, inspect, cancel. Live events are in routes/jobEvents.ts. */
const jobs: FastifyPluginAsyncTypebox = async (app) => {
  const { store, runner } = app.jobs;
  const taken = (modelId: string) =>
    app.models.list().some((m) => m.id === modelId) ||
    store.list(1000).some((j) => !['failed', 'cancelled'].includes(j.state) && (j.params as { modelId?: string }).modelId === modelId);

  app.post('/v1/jobs', {
    schema: {
      tags: ['jobs'], summary: 'start a training job (it registers its model when it finishes)',
      body: CreateJobBody,
      response: { 201: JobSchema, 400: ErrorReply, 409: ErrorReply },
    },
  }, async (request, reply) => {
    const { kind: _kind, ...input } = request.body;
    const id = randomUUID();
    const params = validateTrainParams(input, id, taken);
    // Checked now so a bad path is a 400 for the client rather than a failed job later.
    if ('path' in params.dataset) resolveDatasetPath(app.config.datasetsDir, params.dataset.path);
    const job = runner.submit(params, id);
    return reply.status(201).header('location', `/v1/jobs/${job.id}`).send(job);
  });

  app.get('/v1/jobs', {
    schema: {
      tags: ['jobs'], summary: 'list jobs, newest first',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }),
      response: { 200: JobList },
    },
  }, async (request) => ({ jobs: store.list(request.query.limit ?? 100) }));

  app.get('/v1/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'one job with its loss history', params: IdParams, response: { 200: JobWithHistory, 404: ErrorReply } },
  }, async (request) => {
    const job = store.get(request.params.id);
    if (!job) throw new HttpError(404, 'unknown_job', `job: no job with id "${request.params.id}"`);
    return { job, history: store.history(job.id) };
  });

  app.delete('/v1/jobs/:id', {
    schema: {
      tags: ['jobs'], summary: 'cancel a queued or running job (a running job stops after its current iteration)',
      params: IdParams, response: { 200: JobSchema, 404: ErrorReply, 409: ErrorReply },
    },
  }, async (request) => runner.cancel(request.params.id));
};

export default jobs;
