import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DATA_DIR, DEFAULT_DATASETS_DIR, DEFAULT_MODELS_DIR, DEFAULT_POOL, DEFAULT_RATE_LIMIT, DEFAULT_UPLOAD_LIMITS } from './constants.ts';
import { resolveJobOptions } from './jobs/resolveJobOptions.ts';
import type { ResolvedSecurityOptions, SecurityOptions } from './security/types.ts';
import type { AppOptions, ResolvedAppOptions } from './types.ts';

/** Fills defaults on a copy of the caller's options; directories become absolute paths. */
export function resolveAppOptions(options: AppOptions = {}): ResolvedAppOptions {
  const pool = { ...DEFAULT_POOL, ...options.pool };
  if (pool.size === 0) pool.size = Math.max(1, os.availableParallelism());
  for (const [key, value] of Object.entries(pool)) {
    if (typeof value === 'boolean') continue;
    if (!Number.isFinite(value) || value < 0) throw new Error(`pool.${key}: expected a number >= 0, but got ${value}`);
  }
  const uploads = { ...DEFAULT_UPLOAD_LIMITS, ...options.uploads };
  for (const [key, value] of Object.entries(uploads)) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`uploads.${key}: expected a positive integer, but got ${value}`);
  }
  return {
    modelsDir: path.resolve(options.modelsDir ?? DEFAULT_MODELS_DIR),
    dataDir: path.resolve(options.dataDir ?? DEFAULT_DATA_DIR),
    datasetsDir: path.resolve(options.datasetsDir ?? DEFAULT_DATASETS_DIR),
    backend: options.backend,
    uploads,
    pool,
    jobs: resolveJobOptions(options.jobs),
    workerBackend: options.workerBackend,
    redisUrl: options.redisUrl,
  };
}

/** Fills the rate-limit defaults and checks the numbers; keys are taken as given (parseApiKeys checked them). */
export function resolveSecurityOptions(options: SecurityOptions = {}): ResolvedSecurityOptions {
  const rateLimit = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  for (const [key, value] of Object.entries(rateLimit)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`rateLimit.${key}: expected an integer >= 0, but got ${value}`);
  }
  if (rateLimit.windowMs === 0) throw new Error('rateLimit.windowMs: expected a window above 0 ms, but got 0');
  return { apiKeys: [...(options.apiKeys ?? [])], rateLimit };
}
