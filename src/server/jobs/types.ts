/** Lifecycle of a job; "queued" is also where an interrupted job returns to after a restart. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobKind = 'train' | 'eval';

/** Live numbers of a running job (the SSE "progress" event and GET /v1/jobs/:id). */
export interface JobProgress {
  iteration: number;
  iterations: number;
  /** Latest loss values by name (docs/training.md "Losses"). */
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
  /** What a finished job produced besides a model: an evaluation's metrics (metrics.json). */
  result: unknown;
}

/** One point of the loss plot. */
export interface JobHistoryPoint {
  iteration: number;
  time: string;
  losses: Record<string, number>;
}

export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

/** Paths and parameters a job process gets (its "start" message). */
export interface TrainingWorkerInput {
  jobId: string;
  params: TrainJobParams;
  /** Evaluation jobs: the model directory of params.model. */
  modelDir?: string;
  /** Evaluation jobs: the resolved classifier directory, if any. */
  classifierDir?: string;
  /** Checkpoints, losses.jsonl and sample grids of this job. */
  runDir: string;
  /** Where the finished model is registered: <trainedModelsDir>/<modelId>. */
  trainedModelsDir: string;
  /** Synthetic datasets are drawn here (reused by later jobs with the same count/seed/size). */
  syntheticDir: string;
  /** Resolved dataset directory for `dataset.path`. */
  datasetDir: string | null;
}

/** Validated parameters of an evaluation job (POST /v1/jobs with kind "eval"). */
export interface EvalJobParams {
  dataset: TrainJobParams['dataset'];
  /** Model id (GET /v1/models). */
  model: string;
  attribute?: string;
  split: 'train' | 'val' | 'test';
  pairs: number;
  /** Add post-training quantized variants (balanced and uniform, 2/3/4 bits) to the table. */
  quantized: boolean;
  /** Attribute classifier directory under the datasets root (genegan classifier train). */
  classifier?: string;
  /** Image size the synthetic dataset is drawn at: the model's. */
  imageSize: number;
  /** Wall-clock limit of this job in seconds (at most the server's jobs.maxRunSeconds). */
  maxRunSeconds?: number;
}

/** Validated parameters of a training job (POST /v1/jobs, schemas/jobs.ts). */
export interface TrainJobParams {
  dataset: { path: string } | { synthetic: { count: number; seed?: number } };
  attribute: string;
  preset: string;
  recipe: string;
  iterations: number;
  batchSize?: number;
  seed?: number;
  checkpointEvery?: number;
  sampleEvery?: number;
  /** Wall-clock limit of this job in seconds (at most the server's jobs.maxRunSeconds). */
  maxRunSeconds?: number;
  quantization?: { method: 'balanced' | 'balanced-exact' | 'uniform'; wbits: number; abits?: number } | null;
  /** Model id the job registers. */
  modelId: string;
}

/** Job process -> runner. */
export type TrainingMessage =
  | { type: 'started'; resumedFrom: number }
  | { type: 'checkpoint'; iteration: number }
  | { type: 'progress'; progress: JobProgress }
  | { type: 'sample'; iteration: number; png: Uint8Array }
  | { type: 'done'; modelId?: string; result?: unknown }
  | { type: 'stopped'; iteration: number }
  | { type: 'failed'; message: string };

/** Runner -> job process. */
export type JobProcessMessage =
  | { type: 'start'; kind: JobKind; input: TrainingWorkerInput; niceness: number }
  | { type: 'stop' };

/** How a job talks to its supervisor: messages out, and a signal that asks it to stop. */
export interface JobChannel {
  post(message: TrainingMessage): void;
  signal: AbortSignal;
}
