/**
 * Registers, on the wasm backend, the kernels that GeneGAN training needs and tfjs-backend-wasm
 * 4.22 lacks. Returns the names of the kernels it added. (Filled in by the engine work, issue 2.)
 */
export function registerWasmTrainingKernels(): string[] {
  return [];
}
