import type { NamedTensorMap } from '../backend/tf.ts';
import type { Genegan, VariableEntry } from './types.ts';

/** The selected variables by stable name (the variables themselves, not copies). */
export function weightsOf(model: Genegan, select: (e: VariableEntry) => boolean): NamedTensorMap {
  const out: NamedTensorMap = {};
  for (const e of model.entries()) if (select(e)) out[e.name] = e.variable;
  return out;
}
