import type { BackendName } from './types.ts';

/** Preference order at start-up: a GPU, then native TensorFlow, then WebAssembly, then plain JS. */
export const BACKEND_ORDER: readonly BackendName[] = ['gpu', 'node', 'wasm', 'cpu'];

/** Environment variable that forces one backend. */
export const BACKEND_ENV = 'GENEGAN_BACKEND';
