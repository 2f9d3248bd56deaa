import type { EvalJobParams, Job, JobHistoryPoint, JobKind, TrainJobParams } from './types.ts';
import type { JobEvent } from './createJobEvents.ts';

/** The newest sample grid of a job (the SSE snapshot's `sample`). */
export interface JobSample {
  iteration: number;
  png: Uint8Array;
}

/**
 * One listener's view of a job's events. Events reach the listener only after start(), which
 * first replays what happened after the position it subscribed at, so a snapshot taken between
 * subscribe() and start() misses nothing.
 */
export interface JobSubscription {
  /** Event id of the position the subscription starts after (null where events carry no ids). */
  position: string | null;
  /** Delivers the replay (if any), then live events; resolves once the replay is delivered. */
  start(): Promise<void>;
  unsubscribe(): void;
}

/** Listener of a subscription: the event and its id in the job's event log (null without one). */
export type JobEventListener = (event: JobEvent, id: string | null) => void;

/**
 * Where jobs live and run. Two implementations: SQLite with one job process beside the server
 * (createSqliteJobBackend.ts, the embedded default) and a BullMQ queue in Redis with `genegan
 * worker` processes (createRedisJobBackend.ts). The routes see only this.
 */
export interface JobBackend {
  readonly mode: 'sqlite' | 'redis';
  /** Queues a job; 400/429/507 when limits refuse it. */
  submit(kind: JobKind, params: TrainJobParams | EvalJobParams, id: string): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  /** Newest first. */
  list(limit: number): Promise<Job[]>;
  history(id: string): Promise<JobHistoryPoint[]>;
  /** Cancels a queued or running job, or deletes a finished one with its run directory; 404 for an unknown id. */
  delete(id: string): Promise<Job>;
  latestSample(id: string): Promise<JobSample | null>;
  /** `after`: the Last-Event-ID a reconnecting client sent (ignored where events carry no ids). */
  subscribe(id: string, after: string | undefined, listener: JobEventListener): Promise<JobSubscription>;
  /** Checkpoints, losses.jsonl, sample grids and reports of a job. */
  runDirOf(id: string): string;
  /** The job running beside this server (null when jobs run on workers elsewhere). */
  runningJobId(): string | null;
  /** Its process id (tests, diagnostics). */
  runningPid(): number | null;
  /** Retention and the disk measurement now (they also run after jobs and periodically). */
  housekeeping(): Promise<void>;
  close(): Promise<void>;
}
