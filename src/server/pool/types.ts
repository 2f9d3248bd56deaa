import type { SerializedError } from '../httpError.ts';

/** Main thread -> worker. */
export interface TaskMessage {
  type: 'task';
  id: number;
  kind: string;
  payload: unknown;
}

/** Worker -> main thread. */
export type WorkerMessage =
  | { type: 'ready'; info: Record<string, unknown> }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: SerializedError };

export interface WorkerPoolConfig {
  /** URL of the TypeScript worker module (it calls serveTasks). */
  script: URL;
  size: number;
  queueLimit: number;
  timeoutMs: number;
  retryAfterSeconds: number;
  /** Passed to the worker as workerData.options. */
  workerOptions?: unknown;
  /** Environment of the worker threads (defaults to the process's). */
  env?: Record<string, string | undefined>;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface PoolStats {
  size: number;
  started: number;
  ready: number;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
  timedOut: number;
  rejectedFull: number;
  restarts: number;
}

/** A task handler inside a worker: payload in, result (and buffers to transfer) out. */
export type TaskHandler = (payload: any) => Promise<{ result: unknown; transfer?: ArrayBuffer[] }>;
