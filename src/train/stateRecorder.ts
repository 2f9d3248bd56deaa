import { tf, type NamedTensorMap, type Tensor } from '../backend/tf.ts';
import type { Genegan, StateRecorder, VariableGroup } from '../model/types.ts';

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
