import { tf, type Tensor, type Variable } from '../backend/tf.ts';
import type { VariableEntry, VariableGroup, VariableRole } from './types.ts';

/**
 * The model's variables under stable names ("encoder/conv2/kernel"). tfjs variable names must be
 * unique per process, so tfjs picks its own; ours are what files, checkpoints and gradient maps use.
 */
export class VariableStore {
  private readonly byName = new Map<string, VariableEntry>();

  /** Wraps `initial` (taken over and disposed) in a variable registered under `name`. */
  add(name: string, initial: Tensor, group: VariableGroup, role: VariableRole): Variable {
    if (this.byName.has(name)) throw new Error(`duplicate model variable "${name}"`);
    const variable = tf.variable(initial, role === 'trainable');
    initial.dispose();
    this.byName.set(name, { name, variable, group, role });
    return variable;
  }

  get(name: string): VariableEntry {
    const entry = this.byName.get(name);
    if (entry === undefined) throw new Error(`model has no variable "${name}"`);
    return entry;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entries(): VariableEntry[] {
    return [...this.byName.values()];
  }

  dispose(): void {
    for (const entry of this.byName.values()) entry.variable.dispose();
    this.byName.clear();
  }
}
