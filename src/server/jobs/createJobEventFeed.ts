import { coalesced } from './coalesced.ts';
import type { Redis } from 'ioredis';
import { REDIS_KEYS } from './queueJob.ts';
import type { JobEventLog } from './createJobEventLog.ts';
import type { JobEventListener, JobSubscription } from './jobBackend.ts';

/** Readers also look every this often, in case a wake-up message was lost while reconnecting. */
const POLL_MS = 2000;

interface Reader {
  jobId: string;
  pump(): Promise<void>;
}

/**
 * Live job events of one API replica: a single pub/sub connection hears that a job's stream has
 * new entries, and each open SSE stream reads them with XRANGE from its own position. The stream
 * is the record, the message only a wake-up, so a reader never skips or repeats an entry.
 */
export async function createJobEventFeed(redis: Redis, log: JobEventLog, onError: (err: Error) => void) {
  const readers = new Set<Reader>();
  const subscriber = redis.duplicate();
  subscriber.on('error', onError);
  subscriber.on('message', (_channel: string, jobId: string) => {
    for (const r of readers) if (r.jobId === jobId) void r.pump();
  });
  await subscriber.subscribe(REDIS_KEYS.eventsChannel);
  const poll = setInterval(() => {
    for (const r of readers) void r.pump();
  }, POLL_MS).unref();

  return {
    async subscribe(jobId: string, after: string | undefined, listener: JobEventListener): Promise<JobSubscription> {
      const position = log.isPosition(after) ? after : await log.tail(jobId);
      let cursor = position;
      let started = false;
      let closed = false;
      // Events that arrive while a read runs are picked up by one more read after it.
      const drain = coalesced(async () => {
        for (;;) {
          if (closed) return;
          const entries = await log.after(jobId, cursor);
          for (const [id, event] of entries) {
            if (closed) return;
            cursor = id;
            listener(event, id);
          }
          if (entries.length === 0) break;
        }
      }, onError);
      const reader: Reader = {
        jobId,
        pump: () => (started && !closed ? drain() : Promise.resolve()),
      };
      readers.add(reader);
      return {
        position,
        start() {
          started = true;
          return reader.pump();
        },
        unsubscribe() {
          closed = true;
          readers.delete(reader);
        },
      };
    },
    async close(): Promise<void> {
      clearInterval(poll);
      readers.clear();
      subscriber.disconnect();
    },
  };
}
