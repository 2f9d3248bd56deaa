import { DEFAULT_ENGINE, ENGINE_ENV, ENGINES } from './types.ts';
import type { GeneratorEngine } from './types.ts';

/**
 * The engine for a packed generator: an explicit choice, else GENEGAN_QUANT_ENGINE, else the
 * manifest's, else DEFAULT_ENGINE. Unknown names are a clear error naming where they came from.
 */
export function resolveEngine(explicit?: string, fromManifest?: unknown): GeneratorEngine {
  const candidates: Array<[unknown, string]> = [
    [explicit, 'engine'],
    [process.env[ENGINE_ENV] || undefined, ENGINE_ENV],
    [fromManifest, 'manifest quantization.engine'],
  ];
  for (const [value, where] of candidates) {
    if (value === undefined || value === null) continue;
    if (!(ENGINES as readonly unknown[]).includes(value)) {
      throw Object.assign(new Error(`${where}: expected one of ${ENGINES.join('|')}, but got ${JSON.stringify(value)}`), { userFacing: true });
    }
    return value as GeneratorEngine;
  }
  return DEFAULT_ENGINE;
}
