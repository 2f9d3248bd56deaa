import type { VariableEntry } from './types.ts';

/**
 * Whether a variable belongs in an inference model file: the generator's weights and BN moving
 * statistics, but not critics or training-only counters (BN update counts).
 */
export function inInferenceModel(entry: VariableEntry): boolean {
  return entry.group === 'generator' && !entry.name.endsWith('/updates');
}
