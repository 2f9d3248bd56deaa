/** Lifecycle of a job; "queued" is also where an interrupted job returns to after a restart. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobKind = 'train' | 'eval';

/** Live numbers of a running job (the SSE "progress" event and GET /v1/jobs/:id). */
export interface JobProgress {
  iteration: number;
  iterations: number;
  /** Latest loss values by name (spec/genegan.md "Forward graph and losses"). */
  losses: Record<string, number>;
  /** Iterations per second over the recent window. */
  rate: number;
  etaSeconds: number | null;
  /** Free-text phase: "preparing data", "training", "saving model". */
  phase: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  state: JobState;
  params: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: JobProgress | null;
  error: string | null;
  /** Model registered by a finished training job. */
  modelId: string | null;
  /** How many times the job was started; above 1 it resumed from a checkpoint. */
  attempts: number;
  /** Iteration the last start resumed from (0 on a fresh start). */
  resumedFrom: number;
  /** A cancel was requested while running; the runner finishes it as "cancelled". */
  cancelRequested: boolean;
}

/** One point of the loss plot. */
export interface JobHistoryPoint {
  iteration: number;
  time: string;
  losses: Record<string, number>;
}

export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];
