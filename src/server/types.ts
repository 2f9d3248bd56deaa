import type { BackendInfo } from '../backend/types.ts';

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
}
