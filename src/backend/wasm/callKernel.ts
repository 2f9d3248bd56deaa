import { tf } from '../tf.ts';
import { WASM_BACKEND } from './constants.ts';
import type { TensorInfo, WasmBackend } from './types.ts';

type AnyKernelFunc = (args: { inputs: object; backend: unknown; attrs?: object }) => TensorInfo | TensorInfo[];

/** The wasm kernels we replaced, kept so our versions can fall back to (or build on) them. */
const originals = new Map<string, AnyKernelFunc>();

/** Remembers the currently registered wasm kernel `name` before it is replaced (first call wins). */
export function rememberOriginalKernel(name: string): void {
  if (originals.has(name)) return;
  const config = tf.getKernel(name, WASM_BACKEND);
  if (config !== undefined) originals.set(name, config.kernelFunc as unknown as AnyKernelFunc);
}

/** The kernel tfjs-backend-wasm itself registered under `name` (ours replaced it), if any. */
export function originalKernel(name: string): AnyKernelFunc | undefined {
  return originals.get(name);
}

/**
 * Runs wasm kernel `name` directly on the backend, below the engine: no tape, no engine
 * bookkeeping. The caller owns the returned TensorInfo and must release it with `release` unless
 * it is the kernel's own output. Replaced kernels resolve to tfjs's original implementation only
 * through `originalKernel`; here the current registration is used.
 */
export function callKernel(backend: WasmBackend, name: string, inputs: object, attrs: object = {}): TensorInfo {
  const config = tf.getKernel(name, WASM_BACKEND);
  if (config === undefined) throw new Error(`wasm kernel "${name}" is not registered`);
  const out = (config.kernelFunc as unknown as AnyKernelFunc)({ inputs, backend, attrs });
  return Array.isArray(out) ? out[0] : out;
}

/** Frees intermediate results of `callKernel` (decrements the backend's refCount). */
export function release(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Float32 view of the whole wasm heap; re-create after any allocation (the heap may grow). */
export function heapF32(backend: WasmBackend): Float32Array {
  return new Float32Array(backend.wasm.HEAPU8.buffer);
}

/** Index of a float32 tensor's first element in `heapF32`. */
export function offsetF32(backend: WasmBackend, info: TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error('wasm tensor data not found (already disposed?)');
  return data.memoryOffset / Float32Array.BYTES_PER_ELEMENT;
}
