import type { Redis } from 'ioredis';
import { REDIS_KEYS } from './queueJob.ts';
import type { JobEvent } from './createJobEvents.ts';
import type { JobSample } from './jobBackend.ts';

/** Entries kept per job stream (approximately): a long run's progress, samples and states. */
const MAX_EVENTS = 5000;
/** A deleted job's stream lingers this long for streams still reading it. */
const DELETED_TTL_SECONDS = 3600;
/** Stream entry ids ("<ms>-<seq>"), the only Last-Event-ID a reconnecting client can send back. */
const STREAM_ID = /^\d+-\d+$/;

export type JobEventLog = ReturnType<typeof createJobEventLog>;

type Stored = Exclude<JobEvent, { type: 'sample' }> | { type: 'sample'; iteration: number; png: string };

/**
 * Job events in Redis: one stream per job (XADD; its entry ids become SSE event ids, so a
 * client that reconnects to any replica with Last-Event-ID gets the rest with XRANGE), and a
 * pub/sub message after each entry that wakes the replicas' readers.
 */
export function createJobEventLog(redis: Redis) {
  const decode = (fields: string[]): JobEvent => {
    const e = JSON.parse(fields[1]) as Stored;
    return e.type === 'sample' ? { type: 'sample', iteration: e.iteration, png: new Uint8Array(Buffer.from(e.png, 'base64')) } : e;
  };
  return {
    isPosition: (id: string | undefined): id is string => id !== undefined && STREAM_ID.test(id),
    async append(jobId: string, event: JobEvent): Promise<string> {
      const stored: Stored = event.type === 'sample' ? { ...event, png: Buffer.from(event.png).toString('base64') } : event;
      const multi = redis.multi().xadd(REDIS_KEYS.events(jobId), 'MAXLEN', '~', MAX_EVENTS, '*', 'e', JSON.stringify(stored));
      if (stored.type === 'sample') multi.set(REDIS_KEYS.sample(jobId), JSON.stringify({ iteration: stored.iteration, png: stored.png }));
      const replies = await multi.publish(REDIS_KEYS.eventsChannel, jobId).exec();
      return replies![0][1] as string;
    },
    /** Entries after `position`, oldest first. */
    async after(jobId: string, position: string, count = 500): Promise<[string, JobEvent][]> {
      const entries = await redis.xrange(REDIS_KEYS.events(jobId), `(${position}`, '+', 'COUNT', count);
      return entries.map(([id, fields]) => [id, decode(fields)]);
    },
    /** Id of the newest entry ("0-0" before the first). */
    async tail(jobId: string): Promise<string> {
      const [last] = await redis.xrevrange(REDIS_KEYS.events(jobId), '+', '-', 'COUNT', 1);
      return last?.[0] ?? '0-0';
    },
    async latestSample(jobId: string): Promise<JobSample | null> {
      const text = await redis.get(REDIS_KEYS.sample(jobId));
      if (text === null) return null;
      const s = JSON.parse(text) as { iteration: number; png: string };
      return { iteration: s.iteration, png: new Uint8Array(Buffer.from(s.png, 'base64')) };
    },
    async expire(jobId: string): Promise<void> {
      await redis.multi().expire(REDIS_KEYS.events(jobId), DELETED_TTL_SECONDS).del(REDIS_KEYS.sample(jobId)).exec();
    },
  };
}
