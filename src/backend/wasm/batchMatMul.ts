import { tf } from '../tf.ts';
import { callKernel, originalKernel, release } from './callKernel.ts';
import { WASM_BACKEND } from './constants.ts';
import type { KernelArgs, TensorInfo, WasmBackend } from './types.ts';

type Inputs = { a: TensorInfo; b: TensorInfo };
type Attrs = { transposeA: boolean; transposeB: boolean };

/**
 * BatchMatMul for the wasm backend that never hands a transposed operand to tfjs-backend-wasm's
 * kernel: its transposeA path runs at about 0.5 GMAC/s against 20 for the plain product
 * (docs/engine.md "What a GeneGAN step needs that wasm lacks"), and matMul's gradient always asks for one transposed operand.
 * A transposed operand is materialised with the Transpose kernel (memory-bound, cheap) first.
 *
 * a: [..., M, K] (or [..., K, M] with transposeA), b: [..., K, P] (or [..., P, K]); returns
 * [..., M, P] float32.
 */
export function batchMatMul(args: KernelArgs<Inputs, Attrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const original = originalKernel('BatchMatMul');
  if (original === undefined) throw new Error('BatchMatMul: the wasm backend kernel was not found');
  if (!attrs.transposeA && !attrs.transposeB) return single(original({ inputs, backend, attrs }));
  const a = attrs.transposeA ? swapLastTwo(backend, inputs.a) : inputs.a;
  const b = attrs.transposeB ? swapLastTwo(backend, inputs.b) : inputs.b;
  const out = single(original({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }));
  if (a !== inputs.a) release(backend, a);
  if (b !== inputs.b) release(backend, b);
  return out;
}

function swapLastTwo(backend: WasmBackend, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return callKernel(backend, 'Transpose', { x }, { perm });
}

function single(out: TensorInfo | TensorInfo[]): TensorInfo {
  return Array.isArray(out) ? out[0] : out;
}

export const batchMatMulConfig: tf.KernelConfig = {
  kernelName: 'BatchMatMul',
  backendName: WASM_BACKEND,
  kernelFunc: batchMatMul as unknown as tf.KernelFunc,
};
