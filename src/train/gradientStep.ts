import { tf, type NamedTensorMap, type Tensor, type Variable } from '../backend/tf.ts';
import type { Genegan, StateRecorder, VariableGroup } from '../model/types.ts';
import type { LossRecord } from './types.ts';

// What both gradient steps (generatorStep.ts, criticStep.ts) share: the trainable variables and
// their gradients by the model's stable names, the running-state proposals, the loss read-out.

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

/**
 * Collects the running-state proposals of one step's forward pass (model.recorder) and averages
 * them per state variable: a BN layer called on several batches in one step (the decoder runs four
 * times) contributes the mean of its batch moments, applied once with the BN momentum.
 */
export interface CollectingRecorder extends StateRecorder {
  /** Averages per name, keeping only `group`'s variables; disposes the raw proposals. */
  collect(): NamedTensorMap;
  dispose(): void;
}

export function createStateRecorder(model: Genegan, group: VariableGroup): CollectingRecorder {
  const groupOf = new Map(model.entries().map((e) => [e.name, e.group]));
  const lists = new Map<string, Tensor[]>();
  const dispose = () => {
    for (const list of lists.values()) tf.dispose(list);
    lists.clear();
  };
  return {
    record(name, value) {
      if (groupOf.get(name) !== group) return;
      const list = lists.get(name) ?? [];
      list.push(tf.keep(value.clone()));
      lists.set(name, list);
    },
    collect() {
      const out: NamedTensorMap = {};
      for (const [name, list] of lists) {
        out[name] = tf.tidy(() => (list.length === 1 ? list[0].clone() : tf.div(tf.addN(list), list.length)));
      }
      dispose();
      return out;
    },
    dispose,
  };
}

/** Reads named scalar tensors in one download, adds `total` (their sum) and disposes them. */
export function lossValues(terms: Record<string, Tensor>): LossRecord {
  const names = Object.keys(terms);
  const values = tf.tidy(() => tf.stack(names.map((n) => tf.reshape(terms[n], []))).dataSync());
  tf.dispose(Object.values(terms));
  const out: LossRecord = {};
  let total = 0;
  names.forEach((n, i) => {
    out[n] = values[i];
    total += values[i];
  });
  out.total = total;
  return out;
}
