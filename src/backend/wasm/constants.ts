/** The tfjs backend our kernels are registered for. */
export const WASM_BACKEND = 'wasm';

/** Kernels that tfjs-backend-wasm 4.22 has but that are too slow for training; we replace them. */
export const REPLACED_KERNELS = ['Conv2DBackpropInput', 'BatchMatMul', 'Tile'] as const;

/** Kernels that tfjs-backend-wasm 4.22 lacks and a GeneGAN training step needs. */
export const ADDED_KERNELS = ['Conv2DBackpropFilter'] as const;

/**
 * Conv2DBackpropFilter: im2col (one-hot conv + transpose + matMul) wins over the dilated
 * convolution when the patch length kh*kw*Ci is at most this multiple of the output channels
 * Co (measured in docs/engine.md: the dilated form is slow for 3-channel inputs).
 */
export const IM2COL_PATCH_PER_OUT_CHANNEL = 1;

/** Below this many channels a per-element loop beats copyWithin when interleaving phases. */
export const COPY_WITHIN_MIN_CHANNELS = 16;

/** Environment variable that forces one Conv2DBackpropFilter method (benchmarks, tests). */
export const FILTER_GRAD_ENV = 'GENEGAN_WASM_FILTER_GRAD';
