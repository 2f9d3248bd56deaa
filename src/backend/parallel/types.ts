import type { GeneganConfig } from '../../model/types.ts';
import type { Fakes, LossRecord, Recipe } from '../../train/types.ts';

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

export type { Fakes };
