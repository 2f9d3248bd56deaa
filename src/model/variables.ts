import { tf, type NamedTensorMap, type Tensor, type Variable } from '../backend/tf.ts';
import type { Random } from '../shared/random.ts';
import { ACT_RANGE } from './constants.ts';
import type { Generator, VariableEntry, VariableGroup, VariableRole } from './types.ts';

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

/** A tensor of N(0, stddev) values drawn from `random` (docs/model.md "Initialisation": all kernels N(0, 0.02)). */
export function normalInit(shape: number[], stddev: number, random: Random): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = random.normal() * stddev;
  return tf.tensor(values, shape);
}

/** A unit vector of shape [1, n] drawn from `random` (the start of spectral-norm power iteration). */
export function unitVectorInit(n: number, random: Random): Tensor {
  const values = new Float32Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    values[i] = random.normal();
    norm += values[i] * values[i];
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < n; i++) values[i] *= scale;
  return tf.tensor(values, [1, n]);
}

/**
 * Whether a variable belongs in an inference model file: the generator's weights and BN moving
 * statistics, but not critics or training-only counters (BN update counts).
 */
export function inInferenceModel(entry: VariableEntry): boolean {
  return entry.group === 'generator' && !entry.name.endsWith('/updates');
}

/** The selected variables by stable name (the variables themselves, not copies). */
export function weightsOf(model: Generator, select: (e: VariableEntry) => boolean): NamedTensorMap {
  const out: NamedTensorMap = {};
  for (const e of model.entries()) if (select(e)) out[e.name] = e.variable;
  return out;
}

/**
 * Assigns loaded tensors to the model's variables selected by `select`: every selected variable
 * must be present with its exact shape (`where` names the file in errors). Nothing is assigned
 * unless all fit. Does not dispose `tensors`.
 */
export function assignVariables(model: Generator, tensors: NamedTensorMap, where: string, select: (e: VariableEntry) => boolean): void {
  // A file written before activation ranges existed has none: those variables keep their [0, 1].
  const wanted = model.entries().filter((e) => select(e) && !(tensors[e.name] === undefined && isOptionalVariable(e.name)));
  for (const e of wanted) {
    const t = tensors[e.name];
    if (t === undefined) throw new Error(`${where}: missing weight "${e.name}" (expected shape [${e.variable.shape}])`);
    if (t.shape.join(',') !== e.variable.shape.join(',')) {
      throw new Error(`${where}: weight "${e.name}": expected shape [${e.variable.shape}], but got [${t.shape}]`);
    }
  }
  for (const e of wanted) e.variable.assign(tensors[e.name]);
}

/** True for the optional variables a model file written before activation ranges lacks (generator.ts actRangeName). */
export function isOptionalVariable(name: string): boolean {
  return name.endsWith(`/${ACT_RANGE}`);
}
