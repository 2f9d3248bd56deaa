import type { NamedTensorMap, Variable } from '../backend/tf.ts';
import type { Genegan, VariableGroup } from '../model/types.ts';

/** Trainable variables of one group by stable name. */
export function trainableByName(model: Genegan, group: VariableGroup): Record<string, Variable> {
  const out: Record<string, Variable> = {};
  for (const e of model.entries()) if (e.group === group && e.role === 'trainable') out[e.name] = e.variable;
  return out;
}

/** Re-keys tfjs's gradient map (by tfjs variable name) to the model's stable names. */
export function gradsByStableName(byTfName: NamedTensorMap, variables: Record<string, Variable>): NamedTensorMap {
  const out: NamedTensorMap = {};
  for (const [name, v] of Object.entries(variables)) {
    const g = byTfName[v.name];
    if (g !== undefined) out[name] = g;
  }
  return out;
}
