import type { BackendInfo } from '../backend/types.ts';

/** Options of the app plugin (src/server/app.ts); defaults filled by resolveAppOptions. */
export interface AppOptions {
  /** Directory with bundled and trained model directories. */
  modelsDir?: string;
  /** Directory for job state (SQLite), runs and uploads. */
  dataDir?: string;
  /** The engine backend; selected at start-up when absent. */
  backend?: BackendInfo;
}
