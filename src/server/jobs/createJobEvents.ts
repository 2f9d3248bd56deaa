import { EventEmitter } from 'node:events';
import type { Job, JobProgress } from './types.ts';

/** What subscribers of one job hear (the SSE stream forwards these as named events). */
export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'sample'; iteration: number; png: Uint8Array }
  | { type: 'state'; job: Job };

export type JobEvents = ReturnType<typeof createJobEvents>;

/** In-process fan-out of job events to any number of listeners (SSE streams), per job id. */
export function createJobEvents() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one per open SSE stream; they unsubscribe on disconnect
  /** Latest sample grid per job, so a page that connects late still sees one. */
  const latestSample = new Map<string, { iteration: number; png: Uint8Array }>();
  return {
    publish(jobId: string, event: JobEvent): void {
      if (event.type === 'sample') latestSample.set(jobId, { iteration: event.iteration, png: event.png });
      emitter.emit(jobId, event);
    },
    subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
      emitter.on(jobId, listener);
      return () => emitter.off(jobId, listener);
    },
    latestSample: (jobId: string) => latestSample.get(jobId),
    listenerCount: (jobId: string) => emitter.listenerCount(jobId),
  };
}
