import { tf } from '../tf.ts';
import { batchMatMulConfig } from './batchMatMul.ts';
import { rememberOriginalKernel } from './callKernel.ts';
import { WASM_BACKEND } from './constants.ts';
import { conv2DBackpropFilterConfig } from './conv2DBackpropFilter.ts';
import { conv2DBackpropInputConfig } from './conv2DBackpropInput.ts';
import { tileConfig } from './tile.ts';

/** Marks our configs in tfjs's (process-global) kernel registry, so a second copy of this module never wraps them. */
const MARK = 'geneganTrainingKernel';

/** Our wasm kernels: added where tfjs-backend-wasm 4.22 has none, replacing where it is slow. */
const KERNELS: readonly tf.KernelConfig[] = [conv2DBackpropFilterConfig, conv2DBackpropInputConfig, batchMatMulConfig, tileConfig]
  .map((config) => ({ ...config, [MARK]: true }));

/**
 * Registers, on the wasm backend, the kernels that GeneGAN training needs and tfjs-backend-wasm
 * 4.22 lacks or runs slowly (docs/engine.md). Returns the names of the kernels it registered.
 * Idempotent: a second call registers nothing new and returns the same names. Call it after the
 * wasm backend is registered (selectBackend does).
 */
export function registerWasmTrainingKernels(): string[] {
  for (const config of KERNELS) {
    const existing = tf.getKernel(config.kernelName, WASM_BACKEND) as (tf.KernelConfig & { [MARK]?: boolean }) | undefined;
    if (existing?.[MARK] === true) continue;
    if (existing !== undefined) {
      rememberOriginalKernel(config.kernelName);
      tf.unregisterKernel(config.kernelName, WASM_BACKEND);
    }
    tf.registerKernel(config);
  }
  return KERNELS.map((config) => config.kernelName);
}
