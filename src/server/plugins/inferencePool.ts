import fp from 'fastify-plugin';
import { createWorkerPool, type WorkerPool } from '../pool/createWorkerPool.ts';
import { BACKEND_ENV } from '../../backend/constants.ts';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pool: WorkerPool;
  }
}

const INFERENCE_WORKER = new URL('../inference/inferenceWorker.ts', import.meta.url);

/**
 * The pool of worker threads that run the models (the event loop never does). Workers use the
 * same engine backend as the main thread unless told otherwise; they start on the first request,
 * or at start-up when pool.warmUp is set (npm start), and are stopped gracefully on close.
 */
export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    const backend = opts.workerBackend ?? app.backend.name;
    const pool = createWorkerPool({
      script: INFERENCE_WORKER,
      size: opts.pool.size,
      queueLimit: opts.pool.queueLimit,
      timeoutMs: opts.pool.timeoutMs,
      retryAfterSeconds: opts.pool.retryAfterSeconds,
      workerOptions: { modelCacheSize: opts.pool.modelCacheSize, maxPixels: opts.uploads.maxPixels },
      env: { ...process.env, [BACKEND_ENV]: backend },
      log: app.log,
    });
    app.decorate('pool', pool);
    if (opts.pool.warmUp) app.addHook('onReady', async () => void pool.warmUp().catch((err) => app.log.error({ err }, 'pool warm-up failed')));
    app.addHook('onClose', async () => pool.close(opts.pool.timeoutMs));
  },
  { name: 'inference-pool', dependencies: ['backend'] },
);
