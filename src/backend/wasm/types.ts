import type { tf } from '../tf.ts';

export type TensorInfo = tf.TensorInfo;
export type DataType = tf.DataType;

/** Per-tensor record the wasm backend keeps for every dataId (tfjs-backend-wasm 4.22). */
export interface WasmTensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: DataType;
  refCount: number;
}

/**
 * The part of tfjs-backend-wasm's `BackendWasm` our kernels use. Declared structurally so the
 * kernels do not import the backend package's internals.
 */
export interface WasmBackend {
  dataIdMap: { get(dataId: object): WasmTensorData | undefined; has(dataId: object): boolean };
  wasm: { HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  numDataIds(): number;
}

/** Arguments tfjs passes to a kernel function. */
export interface KernelArgs<I, A> {
  inputs: I;
  backend: WasmBackend;
  attrs: A;
}

/** Padding of one spatial dimension of a stride-1 convolution, in rows (or columns). */
export interface PadPair {
  before: number;
  after: number;
}

/**
 * How a strided transposed convolution (Conv2DBackpropInput) is split along one spatial
 * dimension into `stride` phases that all read the same stride-1 window of `taps` rows.
 */
export interface PhasePlan {
  /** Window length M of the stride-1 convolution (same for every phase). */
  taps: number;
  /** Padding of dy for the stride-1 convolution. */
  pad: PadPair;
  /** Per phase r: kernel tap index for each window position j (-1 = zero tap). */
  tapIndex: number[][];
  /** Per phase r: output row q of phase r reads convolution output row q + shift[r]. */
  shift: number[];
  /** Rows of the stride-1 convolution's output. */
  convSize: number;
}

/** Ways to compute Conv2DBackpropFilter from fast wasm kernels (see docs/engine.md). */
export type FilterGradMethod = 'dilated' | 'im2col';
