import { HttpError } from '../httpError.ts';
import type { EvalJobParams, TrainJobParams } from './types.ts';
import type { JobRunnerOptions } from '../types.ts';

const gb = (b: number) => `${(b / 1024 ** 3).toFixed(2)} GB`;

/** The limits a new job must pass in either backend: its time limit (400), the queue cap (429), the disk budget (507). */
export function checkSubmit(params: TrainJobParams | EvalJobParams, options: JobRunnerOptions, queued: number, diskBytes: number): void {
  if (params.maxRunSeconds !== undefined && params.maxRunSeconds > options.maxRunSeconds) {
    throw new HttpError(400, 'bad_field', `field maxRunSeconds: expected at most this server's limit of ${options.maxRunSeconds}, but got ${params.maxRunSeconds}`);
  }
  if (queued >= options.maxQueued) {
    throw new HttpError(429, 'queue_full', `jobs: expected fewer than ${options.maxQueued} queued jobs, but ${queued} are waiting; retry when one has started, or cancel one`);
  }
  if (options.diskBudgetBytes > 0 && diskBytes > options.diskBudgetBytes) {
    throw new HttpError(507, 'disk_budget', `jobs: expected the data directory to be within its budget of ${gb(options.diskBudgetBytes)}, but it holds ${gb(diskBytes)}; delete finished jobs (DELETE /v1/jobs/{id}) to free space`);
  }
}
