import type { NamedTensorMap } from '../backend/tf.ts';
import type { Genegan, VariableEntry } from './types.ts';

/**
 * Assigns loaded tensors to the model's variables selected by `select`: every selected variable
 * must be present with its exact shape (`where` names the file in errors). Nothing is assigned
 * unless all fit. Does not dispose `tensors`.
 */
export function assignVariables(model: Genegan, tensors: NamedTensorMap, where: string, select: (e: VariableEntry) => boolean): void {
  const wanted = model.entries().filter(select);
  for (const e of wanted) {
    const t = tensors[e.name];
    if (t === undefined) throw new Error(`${where}: missing weight "${e.name}" (expected shape [${e.variable.shape}])`);
    if (t.shape.join(',') !== e.variable.shape.join(',')) {
      throw new Error(`${where}: weight "${e.name}": expected shape [${e.variable.shape}], but got [${t.shape}]`);
    }
  }
  for (const e of wanted) e.variable.assign(tensors[e.name]);
}
