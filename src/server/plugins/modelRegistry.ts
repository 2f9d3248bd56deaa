import fp from 'fastify-plugin';
import path from 'node:path';
import { createModelRegistry, type ModelRegistry } from '../models/createModelRegistry.ts';
import type { ResolvedAppOptions } from '../types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    models: ModelRegistry;
  }
}

/** Directory (inside the data directory) where training jobs register their models. */
export const TRAINED_MODELS_SUBDIR = 'models';

/** Decorates the app with the model registry: bundled models/ and the models trained by jobs. */
export default fp<ResolvedAppOptions>(
  async (app, opts) => {
    const registry = await createModelRegistry([
      { dir: opts.modelsDir, source: 'bundled' },
      { dir: path.join(opts.dataDir, TRAINED_MODELS_SUBDIR), source: 'trained' },
    ]);
    for (const p of registry.problems()) app.log.warn({ dir: p.dir }, `model skipped: ${p.message}`);
    app.log.info({ models: registry.list().map((m) => m.id) }, 'models found');
    app.decorate('models', registry);
  },
  { name: 'model-registry' },
);
