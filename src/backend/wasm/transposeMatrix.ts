import { heapF32, offsetF32 } from './callKernel.ts';
import type { TensorInfo, WasmBackend } from './types.ts';

/**
 * out[c, r] = x[r, c] for a float32 [rows, cols] matrix, as a new wasm tensor [1, cols, rows].
 * A plain loop that writes sequentially: for the tall, narrow im2col matrices of
 * Conv2DBackpropFilter (rows = N*Ho*Wo, cols = kh*kw*Ci) it ran about 10x faster than
 * tfjs-backend-wasm's Transpose kernel (docs/engine.md "Conv2DBackpropFilter").
 */
export function transposeMatrix(backend: WasmBackend, x: TensorInfo, rows: number, cols: number): TensorInfo {
  const out = backend.makeOutput([1, cols, rows], 'float32');
  const heap = heapF32(backend);
  const src = offsetF32(backend, x);
  let dst = offsetF32(backend, out);
  for (let c = 0; c < cols; c++) {
    for (let r = 0, s = src + c; r < rows; r++, s += cols) heap[dst++] = heap[s];
  }
  return out;
}
