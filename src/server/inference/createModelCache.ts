import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadModel, type LoadedModel } from '../../model/loadModel.ts';
import { MODEL_MANIFEST } from '../../model/constants.ts';
import { HttpError } from '../httpError.ts';

/**
 * Loaded models of one worker, least recently used dropped (and disposed) beyond `capacity`.
 * The key includes the manifest's modification time, so a model directory replaced on disk (a
 * job re-registering a name) is loaded afresh rather than served stale.
 */
export function createModelCache(capacity: number) {
  const cache = new Map<string, Promise<LoadedModel>>();

  async function keyOf(dir: string): Promise<string> {
    try {
      const s = await stat(path.join(dir, MODEL_MANIFEST));
      return `${dir}@${s.mtimeMs}`;
    } catch {
      throw new HttpError(404, 'unknown_model', `model ${path.basename(dir)}: its directory is gone (was it removed?)`);
    }
  }

  return {
    async get(dir: string): Promise<LoadedModel> {
      const key = await keyOf(dir);
      let entry = cache.get(key);
      if (entry) {
        cache.delete(key); // re-insert: Map order is the recency order
      } else {
        entry = loadModel(dir);
        entry.catch(() => cache.delete(key));
      }
      cache.set(key, entry);
      while (cache.size > Math.max(1, capacity)) {
        const [oldest, loaded] = cache.entries().next().value!;
        cache.delete(oldest);
        void loaded.then((m) => m.model.dispose(), () => {});
      }
      return entry;
    },
    size: () => cache.size,
  };
}
