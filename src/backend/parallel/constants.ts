/** The worker entry (TypeScript, loaded through tsx by bootstrapWorker.mjs). */
export const GRADIENT_WORKER = new URL('./gradientWorker.ts', import.meta.url);

/** Worker threads do not inherit tsx's loader from the main thread (Node 20): start here. */
export const BOOTSTRAP = new URL('./bootstrapWorker.mjs', import.meta.url);

/** Default backend of the helpers: the single-threaded wasm backend is the one that gains. */
export const DEFAULT_HELPER_BACKEND = 'wasm';
