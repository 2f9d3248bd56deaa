import { DEFAULT_RATE_LIMIT } from '../constants.ts';
import type { ResolvedSecurityOptions, SecurityOptions } from './types.ts';

/** Fills the rate-limit defaults and checks the numbers; keys are taken as given (parseApiKeys checked them). */
export function resolveSecurityOptions(options: SecurityOptions = {}): ResolvedSecurityOptions {
  const rateLimit = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  for (const [key, value] of Object.entries(rateLimit)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`rateLimit.${key}: expected an integer >= 0, but got ${value}`);
  }
  if (rateLimit.windowMs === 0) throw new Error('rateLimit.windowMs: expected a window above 0 ms, but got 0');
  return { apiKeys: [...(options.apiKeys ?? [])], rateLimit };
}
