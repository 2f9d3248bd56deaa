import { tf } from '../tf.ts';
import { originalKernel } from './callKernel.ts';
import { WASM_BACKEND } from './constants.ts';
import type { KernelArgs, TensorInfo, WasmBackend } from './types.ts';

type Inputs = { x: TensorInfo };
type Attrs = { reps: number[] };

/** Element sizes of the dtypes handled here; others (bool's wasm layout varies) use tfjs's kernel. */
const BYTES: Partial<Record<string, number>> = { float32: 4, int32: 4 };

/**
 * Tile for the wasm backend by block copies (copyWithin with doubling) on the wasm heap, innermost
 * axis first. tfjs-backend-wasm's Tile walks every output element; batch norm's gradient tiles the
 * [C] inverse deviation to the whole [N,H,W,C] activation each step, where that walk cost about as
 * much as a convolution (docs/engine.md "What a GeneGAN step needs that wasm lacks").
 *
 * x: any shape, float32/int32 (other dtypes go to tfjs's kernel); returns x repeated reps[i] times along axis i.
 */
export function tile(args: KernelArgs<Inputs, Attrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const bytes = BYTES[x.dtype];
  if (bytes === undefined || attrs.reps.length !== x.shape.length) return fallback(args);
  const out = backend.makeOutput(x.shape.map((d, i) => d * attrs.reps[i]), x.dtype);
  const heap = backend.wasm.HEAPU8;
  const src = byteOffset(backend, x), dst = byteOffset(backend, out);
  let current = x.shape.reduce((a, b) => a * b, 1) * bytes;
  heap.copyWithin(dst, src, src + current);
  let inner = bytes;
  for (let axis = x.shape.length - 1; axis >= 0; axis--) {
    const reps = attrs.reps[axis];
    const chunk = inner * x.shape[axis];
    const blocks = current / chunk;
    if (reps > 1) repeatBlocks(heap, dst, blocks, chunk, reps);
    inner = chunk * reps;
    current *= reps;
  }
  return out;
}

/**
 * In place: `blocks` consecutive chunks of `chunk` bytes at `base` become `blocks` runs of `reps`
 * copies each. Last block first, so that no chunk is overwritten before it is read.
 */
function repeatBlocks(heap: Uint8Array, base: number, blocks: number, chunk: number, reps: number): void {
  const run = chunk * reps;
  for (let b = blocks - 1; b >= 0; b--) {
    const to = base + b * run;
    heap.copyWithin(to, base + b * chunk, base + (b + 1) * chunk);
    for (let filled = chunk; filled < run; filled *= 2) {
      heap.copyWithin(to + filled, to, to + Math.min(filled, run - filled));
    }
  }
}

function byteOffset(backend: WasmBackend, info: TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error('Tile: wasm tensor data not found (already disposed?)');
  return data.memoryOffset;
}

function fallback(args: KernelArgs<Inputs, Attrs>): TensorInfo {
  const original = originalKernel('Tile');
  if (original === undefined) throw new Error(`Tile: no wasm kernel for dtype ${args.inputs.x.dtype}`);
  const out = original(args as never);
  return Array.isArray(out) ? out[0] : out;
}

export const tileConfig: tf.KernelConfig = {
  kernelName: 'Tile',
  backendName: WASM_BACKEND,
  kernelFunc: tile as unknown as tf.KernelFunc,
};
