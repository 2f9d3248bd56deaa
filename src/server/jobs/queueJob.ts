import type { Job as QueueJob, JobState as QueueState } from 'bullmq';
import type { Job, JobKind, JobProgress, JobState } from './types.ts';

/** The BullMQ queue of training and evaluation jobs (Redis keys bull:genegan-jobs:*). */
export const QUEUE_NAME = 'genegan-jobs';
/** Redis keys and channels of this project beside BullMQ's own. */
export const REDIS_KEYS = {
  /** Creation order of jobs (list order, newest first, even within one millisecond). */
  seq: 'genegan:jobs:seq',
  /** Stream of one job's events (progress, samples, state changes): ids are SSE event ids. */
  events: (jobId: string) => `genegan:jobs:events:${jobId}`,
  /** The newest sample grid of a job (the SSE snapshot). */
  sample: (jobId: string) => `genegan:jobs:sample:${jobId}`,
  /** Pub/sub: a job's stream has new entries (message: the job id). */
  eventsChannel: 'genegan:jobs:events',
  /** Pub/sub: cancel the job with this id, wherever it runs. */
  cancelChannel: 'genegan:jobs:cancel',
  /** Pub/sub: a worker registered a model; every replica rescans its model directories. */
  modelsChannel: 'genegan:models',
} as const;

/** The reason a cancelled job fails with in BullMQ (shown as state "cancelled" with no error). */
export const CANCELLED_REASON = 'cancelled on request';

/** job.data: written by the API only, so a worker never overwrites a cancel. */
export interface QueueJobData {
  kind: JobKind;
  params: Record<string, unknown>;
  seq: number;
  cancelRequested?: boolean;
  cancelledAt?: number;
}

/** job.progress: written by the worker running the job only. */
export interface QueueJobProgress {
  progress: JobProgress | null;
  /** Iteration the current start resumed from (0 on a fresh start). */
  resumedFrom: number;
  /** Wall-clock milliseconds over all starts (the job's time limit). */
  runMs: number;
}

/** job.returnvalue of a finished job. */
export interface QueueJobResult {
  modelId?: string;
  result?: unknown;
}

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : null);

/** The service's view of a BullMQ job in `state` (the same Job the SQLite backend returns). */
export function toJob(job: QueueJob<QueueJobData, QueueJobResult>, state: QueueState | 'unknown'): Job {
  const data = job.data;
  const worker = (typeof job.progress === 'object' ? job.progress : null) as QueueJobProgress | null;
  const cancelled = data.cancelRequested === true;
  let mapped: JobState;
  let error: string | null = null;
  let finishedAt = iso(job.finishedOn);
  if (state === 'active') mapped = 'running';
  else if (state === 'completed') mapped = 'succeeded';
  else if (state === 'failed') {
    mapped = cancelled ? 'cancelled' : 'failed';
    error = job.failedReason === CANCELLED_REASON ? null : job.failedReason ?? null;
  } else if (cancelled) {
    // Cancelled while waiting: it stays in the wait list until a worker takes it and fails it at once.
    mapped = 'cancelled';
    finishedAt = iso(data.cancelledAt);
  } else mapped = 'queued';
  const result = job.returnvalue ?? null;
  return {
    id: job.id!,
    kind: data.kind,
    state: mapped,
    params: data.params,
    createdAt: new Date(job.timestamp).toISOString(),
    startedAt: iso(job.processedOn),
    finishedAt: mapped === 'queued' || mapped === 'running' ? null : finishedAt,
    progress: worker?.progress ?? null,
    error,
    modelId: result?.modelId ?? null,
    attempts: job.attemptsStarted ?? 0,
    resumedFrom: worker?.resumedFrom ?? 0,
    cancelRequested: cancelled && mapped === 'running',
    result: result?.result ?? null,
  };
}
