import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { findLatestSample } from '../jobs/findLatestSample.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../schemas/common.ts';
import { JobIdParams } from '../schemas/jobs.ts';
import { HttpError } from '../httpError.ts';
import { formatSse } from '../jobs/formatSse.ts';
import { toDataUrl } from '../inference/toDataUrl.ts';
import { TERMINAL_STATES } from '../jobs/types.ts';
import { SSE_KEEPALIVE_MS } from '../constants.ts';
import type { JobEvent } from '../jobs/createJobEvents.ts';

const EVENTS_DOC = `text/event-stream. Events (data is JSON):
- snapshot {job, history, sample}: first, the current state, the loss history and the latest sample grid (or null)
- progress {iteration, iterations, losses, rate, etaSeconds, phase}
- sample {iteration, image}: the latest sample grid (columns Au, B0, Au', B0', A0, Bu) as a PNG data URL
- state {job}: the job changed state
- end {job}: the job is finished (succeeded, failed or cancelled); the server closes the stream`;

/** GET /v1/jobs/:id/events: live progress of one job as server-sent events. */
const jobEvents: FastifyPluginAsyncTypebox = async (app) => {
  const { store, events } = app.jobs;
  // Open streams end before the server closes; otherwise close() would wait on them forever.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  /** From memory while the job runs here; from its run directory after a restart. */
  const latestSample = async (jobId: string) => {
    const live = events.latestSample(jobId);
    if (live) return { iteration: live.iteration, image: toDataUrl(live.png, 'png') };
    const onDisk = await findLatestSample(app.jobs.runner.runDirOf(jobId));
    return onDisk && { iteration: onDisk.iteration, image: toDataUrl(new Uint8Array(await readFile(onDisk.file)), 'png') };
  };

  app.get('/v1/jobs/:id/events', {
    schema: {
      tags: ['jobs'], summary: 'live job progress (server-sent events)', description: EVENTS_DOC,
      params: JobIdParams,
      response: { 200: { description: EVENTS_DOC, content: { 'text/event-stream': { schema: Type.String() } } }, 404: ErrorReply },
    },
  }, async (request, reply) => {
    const id = request.params.id;
    if (!store.get(id)) throw new HttpError(404, 'unknown_job', `job: no job with id "${id}"`);
    const sample = await latestSample(id);
    // From here on everything runs synchronously, so no event slips between snapshot and subscription.
    const job = store.get(id)!;
    const stream = new PassThrough();
    let seq = 0;
    let ended = false;
    const send = (event: string, data: unknown) => stream.write(formatSse(event, app.hideServerPaths(data), ++seq));
    send('snapshot', { job, history: store.history(job.id), sample });
    const finished = () => {
      if (ended) return;
      ended = true;
      open.delete(finished);
      unsubscribe();
      clearInterval(keepAlive);
      stream.end();
    };
    const unsubscribe = events.subscribe(job.id, (e: JobEvent) => {
      if (e.type === 'progress') send('progress', e.progress);
      else if (e.type === 'sample') send('sample', { iteration: e.iteration, image: toDataUrl(e.png, 'png') });
      else {
        send('state', { job: e.job });
        if (TERMINAL_STATES.includes(e.job.state)) {
          send('end', { job: e.job });
          finished();
        }
      }
    });
    // A comment line now and then keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    reply.raw.once('close', finished); // the client went away
    open.add(finished);
    if (TERMINAL_STATES.includes(job.state)) {
      send('end', { job });
      finished();
    }
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-accel-buffering', 'no')
      .send(stream as never); // a stream is sent as it is, not serialized
  });
};

export default jobEvents;
