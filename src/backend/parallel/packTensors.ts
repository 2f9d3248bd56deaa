import { tf, type NamedTensorMap, type Tensor } from '../tf.ts';
import type { PackedTensors } from './types.ts';

/** Copies named float32 tensors to plain data (does not dispose them). */
export function packTensors(map: Record<string, Tensor>): PackedTensors {
  const out: PackedTensors = {};
  for (const [name, t] of Object.entries(map)) out[name] = packTensor(t);
  return out;
}

export function packTensor(t: Tensor): PackedTensors[string] {
  return { shape: [...t.shape], values: Float32Array.from(t.dataSync()) };
}

/** New tensors (owned by the caller) from packed data. */
export function unpackTensors(packed: PackedTensors): NamedTensorMap {
  const out: NamedTensorMap = {};
  for (const [name, p] of Object.entries(packed)) out[name] = unpackTensor(p);
  return out;
}

export function unpackTensor(p: PackedTensors[string]): Tensor {
  return tf.tensor(p.values, p.shape, 'float32');
}

/** The ArrayBuffers behind packed tensors, to transfer instead of copying. */
export function buffersOf(items: Array<PackedTensors[string] | undefined>): ArrayBuffer[] {
  return items.filter((p) => p !== undefined).map((p) => p.values.buffer as ArrayBuffer);
}
