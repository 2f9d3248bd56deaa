import type { JobRunnerOptions } from '../types.ts';

const GIB = 1024 ** 3;

/** Job limits of `genegan serve` unless configured (docs/service.md "Deploying"). */
export const DEFAULT_JOB_OPTIONS: JobRunnerOptions = {
  autoStart: true,
  maxQueued: 20,
  maxRunSeconds: 24 * 3600,
  // Below the 10 s that `docker stop` and most orchestrators wait before SIGKILL, so a stopping
  // job gets its checkpoint written while the server is still allowed to run.
  stopGraceMs: 8_000,
  maxFailedStarts: 3,
  niceness: 10,
  diskBudgetBytes: 20 * GIB,
  keepSyntheticDatasets: 4,
  retentionDays: 30,
  keepSamples: 20,
};

/** [min, max] of each numeric option; 0 is allowed where it means "off". */
const RANGES: Record<Exclude<keyof JobRunnerOptions, 'autoStart'>, [number, number]> = {
  maxQueued: [0, 10_000],
  maxRunSeconds: [1, 365 * 24 * 3600],
  stopGraceMs: [0, 3_600_000],
  maxFailedStarts: [1, 100],
  niceness: [0, 19],
  diskBudgetBytes: [0, Number.MAX_SAFE_INTEGER],
  keepSyntheticDatasets: [0, 10_000],
  retentionDays: [0, 36_500],
  keepSamples: [1, 1_000_000],
};

/** The defaults above with the caller's values on top, each checked against its range. */
export function resolveJobOptions(given: Partial<JobRunnerOptions> = {}): JobRunnerOptions {
  const options = { ...DEFAULT_JOB_OPTIONS, ...given };
  for (const [key, [min, max]] of Object.entries(RANGES)) {
    const value = options[key as keyof typeof RANGES];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`jobs.${key}: expected an integer from ${min} to ${max}, but got ${value}`);
    }
  }
  return options;
}
