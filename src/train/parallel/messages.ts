import { tf, type NamedTensorMap, type Tensor } from '../../backend/tf.ts';
import type { GeneganConfig } from '../../model/types.ts';
import type { LossRecord, Recipe } from '../types.ts';

// The messages between the trainer's thread and its gradient helpers, and how tensors travel in them.

/** Named tensors as plain data: one Float32Array per name plus its shape (moves between threads). */
export interface PackedTensors {
  [name: string]: { shape: number[]; values: Float32Array };
}

export interface ParallelGradientsConfig {
  /** The trained model's network config; every worker builds the same layout. */
  model: GeneganConfig;
  /**
   * Helper threads besides the calling thread, which computes its own share of the batch.
   * Default: os.availableParallelism() - 1 (at least 1).
   */
  helpers?: number;
  /** Backend the helpers force (GENEGAN_BACKEND values); default "wasm". */
  backend?: string;
}

/** Main thread -> helper. */
export type WorkerRequest =
  | { id: number; kind: 'init'; model: GeneganConfig; backend: string }
  | { id: number; kind: 'generator'; weights: PackedTensors; au: PackedTensors[string]; b0: PackedTensors[string]; recipe: Recipe; keepFakes: boolean }
  | { id: number; kind: 'critic'; weights: PackedTensors; au: PackedTensors[string]; b0: PackedTensors[string]; recipe: Recipe; fakes?: { bu: PackedTensors[string]; a0: PackedTensors[string] } };

/** Helper -> main thread: one step's share, all tensors as plain data. */
export interface PackedStep {
  losses: LossRecord;
  grads: PackedTensors;
  stateUpdates: PackedTensors;
  fakes?: { bu: PackedTensors[string]; a0: PackedTensors[string] };
}

export type WorkerResponse = { id: number; ok: true; step?: PackedStep } | { id: number; ok: false; error: string };


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
