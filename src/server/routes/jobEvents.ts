import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../schemas/common.ts';
import { JobIdParams } from '../schemas/jobs.ts';
import { HttpError } from '../httpError.ts';
import { toDataUrl } from '../inference/encodeImages.ts';
import { TERMINAL_STATES } from '../jobs/types.ts';
import { SSE_KEEPALIVE_MS } from '../constants.ts';
import type { JobEvent } from '../jobs/createJobEvents.ts';

const EVENTS_DOC = `text/event-stream. Events (data is JSON):
- snapshot {job, history, sample}: first, the current state, the loss history and the latest sample grid (or null)
- progress {iteration, iterations, losses, rate, etaSeconds, phase}
- sample {iteration, image}: the latest sample grid (columns Au, B0, Au', B0', A0, Bu) as a PNG data URL
- state {job}: the job changed state
- end {job}: the job is finished (succeeded, failed or cancelled); the server closes the stream`;

/**
 * One server-sent event (HTML Living Standard, "Server-sent events"): an `event:` name, the JSON
 * payload on one `data:` line (JSON.stringify never emits raw newlines), and a blank line.
 */
export function formatSse(event: string, data: unknown, id?: number | string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** GET /v1/jobs/:id/events: live progress of one job as server-sent events. */
const jobEvents: FastifyPluginAsyncTypebox = async (app) => {
  const jobs = app.jobs;
  // Open streams end before the server closes; otherwise close() would wait on them forever.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  const latestSample = async (jobId: string) => {
    const sample = await jobs.latestSample(jobId);
    return sample && { iteration: sample.iteration, image: toDataUrl(sample.png, 'png') };
  };

  app.get('/v1/jobs/:id/events', {
    schema: {
      tags: ['jobs'], summary: 'live job progress (server-sent events)', description: EVENTS_DOC,
      params: JobIdParams,
      response: { 200: { description: EVENTS_DOC, content: { 'text/event-stream': { schema: Type.String() } } }, 404: ErrorReply },
    },
  }, async (request, reply) => {
    const id = request.params.id;
    const unknown = () => new HttpError(404, 'unknown_job', `job: no job with id "${id}"`);
    if (!(await jobs.get(id))) throw unknown();
    const sample = await latestSample(id);
    const stream = new PassThrough();
    let seq = 0;
    let ended = false;
    // Ids of the backend's event log where it has one (a reconnect sends the last back as Last-Event-ID).
    const send = (event: string, data: unknown, eventId?: string | null) => stream.write(formatSse(event, app.hideServerPaths(data), eventId ?? ++seq));
    const lastEventId = request.headers['last-event-id'];
    // Subscribed before the snapshot is read: events from here on are delivered after it, none lost.
    const subscription = await jobs.subscribe(id, typeof lastEventId === 'string' ? lastEventId : undefined, (e: JobEvent, eventId) => {
      if (e.type === 'progress') send('progress', e.progress, eventId);
      else if (e.type === 'sample') send('sample', { iteration: e.iteration, image: toDataUrl(e.png, 'png') }, eventId);
      else {
        send('state', { job: e.job }, eventId);
        if (TERMINAL_STATES.includes(e.job.state)) {
          send('end', { job: e.job }, eventId);
          finished();
        }
      }
    });
    const unsubscribe = () => subscription.unsubscribe();
    const job = await jobs.get(id);
    if (!job) {
      unsubscribe();
      throw unknown();
    }
    send('snapshot', { job, history: await jobs.history(job.id), sample }, subscription.position);
    const finished = () => {
      if (ended) return;
      ended = true;
      open.delete(finished);
      unsubscribe();
      clearInterval(keepAlive);
      stream.end();
    };
    // A comment line now and then keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    reply.raw.once('close', finished); // the client went away
    open.add(finished);
    await subscription.start();
    if (!ended && TERMINAL_STATES.includes(job.state)) {
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
