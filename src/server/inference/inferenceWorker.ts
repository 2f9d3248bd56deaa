// Entry of the inference pool's worker threads (plugins/inferencePool.ts): picks the engine
// backend, then serves "infer" tasks. Models and the face pipeline load lazily and stay loaded.
import { workerData } from 'node:worker_threads';
import { selectBackend } from '../../backend/selectBackend.ts';
import { createFacePipeline, type FacePipeline } from '../../face/createFacePipeline.ts';
import { serveTasks } from '../pool/serveTasks.ts';
import { createModelCache } from './createModelCache.ts';
import { runInference } from './runInference.ts';
import type { InferenceResult, InferenceTask } from './types.ts';

const options = (workerData?.options ?? {}) as { modelCacheSize?: number; maxPixels?: number };
const models = createModelCache(options.modelCacheSize ?? 1);
let faces: Promise<FacePipeline> | undefined;

/** Every encoded image of a result, to hand over to the main thread without copying. */
function buffersOf(r: InferenceResult): ArrayBuffer[] {
  const all = [...r.inputs.map((i) => i.crop), ...Object.values(r.outputs).flatMap((o) => [o.crop, o.photo, o.mask].filter((b) => b !== null))];
  if (r.matrix) all.push(r.matrix.grid, ...r.matrix.cells.map((c) => c.image));
  return all.map((b) => b.buffer as ArrayBuffer);
}

await serveTasks(
  {
    async infer(task: InferenceTask) {
      const result = await runInference(task, {
        model: (dir) => models.get(dir),
        faces: () => (faces ??= createFacePipeline({ maxPixels: options.maxPixels }).catch((err) => {
          faces = undefined; // a failed load is retried by the next request
          throw err;
        })),
      });
      return { result, transfer: buffersOf(result) };
    },
  },
  async () => {
    const info = await selectBackend({ log: () => {} });
    return { backend: info.name };
  },
);
