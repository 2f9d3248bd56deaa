import type { BackendInfo } from '../backend/types.ts';
import type { SecurityOptions } from './security/types.ts';

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxFields: number;
  maxPixels: number;
}

export interface PoolOptions {
  /** Worker threads running models; 0 = one per available core. */
  size: number;
  queueLimit: number;
  timeoutMs: number;
  retryAfterSeconds: number;
  modelCacheSize: number;
  /** Start every worker at start-up instead of on the first request. */
  warmUp: boolean;
}

export interface JobRunnerOptions {
  /** Start queued jobs automatically (tests turn this off to look at a queued job). */
  autoStart: boolean;
  /** Jobs allowed to wait in the queue; POST /v1/jobs answers 429 beyond. */
  maxQueued: number;
  /** Longest wall-clock run of one job (over all its starts); a job may ask for less. */
  maxRunSeconds: number;
  /** How long a job process gets to stop (and checkpoint) after cancel, shutdown or timeout before it is killed. */
  stopGraceMs: number;
  /** Consecutive starts that crash before the job is failed instead of queued again. */
  maxFailedStarts: number;
  /** Niceness of job processes (0-19; higher yields more CPU to serving). */
  niceness: number;
  /** Bytes the data directory may hold before new jobs are refused with 507; 0 = no budget. */
  diskBudgetBytes: number;
  /** Synthetic datasets kept in the cache (least recently used are deleted beyond). */
  keepSyntheticDatasets: number;
  /** Finished jobs older than this many days are deleted with their runs; 0 = kept forever. */
  retentionDays: number;
  /** Newest sample grids kept per run (older ones are deleted). */
  keepSamples: number;
}

/** Options of the app plugin (src/server/app.ts); defaults filled by resolveAppOptions. */
export interface AppOptions {
  /** Directory with bundled model directories (each with manifest.json). */
  modelsDir?: string;
  /** Directory for job state (SQLite), runs and job-trained models. */
  dataDir?: string;
  /** Root that training jobs' dataset paths are resolved in (and confined to). */
  datasetsDir?: string;
  /** The engine backend; selected at start-up when absent. */
  backend?: BackendInfo;
  uploads?: Partial<UploadLimits>;
  pool?: Partial<PoolOptions>;
  jobs?: Partial<JobRunnerOptions>;
  /** Backend the worker threads force (GENEGAN_BACKEND inside workers); defaults to the main thread's. */
  workerBackend?: string;
  /** API keys and rate limits (resolved by resolveSecurityOptions in resolveAppOptions.ts). */
  security?: SecurityOptions;
  /** Jobs go to a BullMQ queue in this Redis (run by `genegan worker`) instead of SQLite. */
  redisUrl?: string;
}

export interface ResolvedAppOptions {
  modelsDir: string;
  dataDir: string;
  datasetsDir: string;
  backend?: BackendInfo;
  uploads: UploadLimits;
  pool: PoolOptions;
  jobs: JobRunnerOptions;
  workerBackend?: string;
  redisUrl?: string;
}
