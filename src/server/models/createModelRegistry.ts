import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { HttpError } from '../httpError.ts';
import { readModelInfo } from './readModelInfo.ts';
import type { ModelInfo, ModelProblem } from './types.ts';

export interface ModelRoot {
  dir: string;
  source: ModelInfo['source'];
}

export type ModelRegistry = Awaited<ReturnType<typeof createModelRegistry>>;

/**
 * The models the service can run: every sub-directory with a manifest.json under the roots
 * (bundled models/ first, then models trained by jobs). Directories with a broken manifest are
 * kept aside as problems (logged, shown in /ready) instead of failing the whole service.
 */
export async function createModelRegistry(roots: ModelRoot[]) {
  let models = new Map<string, ModelInfo>();
  let problems: ModelProblem[] = [];

  async function scan(): Promise<void> {
    const found = new Map<string, ModelInfo>();
    const bad: ModelProblem[] = [];
    for (const root of roots) {
      if (!existsSync(root.dir)) continue;
      const entries = (await readdir(root.dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      for (const name of entries) {
        const dir = path.join(root.dir, name);
        if (!existsSync(path.join(dir, 'manifest.json'))) continue;
        try {
          const info = await readModelInfo(dir, root.source);
          if (found.has(info.id)) bad.push({ dir, message: `model id "${info.id}" is already used by ${found.get(info.id)!.dir}` });
          else found.set(info.id, info);
        } catch (err) {
          bad.push({ dir, message: (err as Error).message });
        }
      }
    }
    models = found;
    problems = bad;
  }

  await scan();
  return {
    /** Re-reads the roots (after a job registered a model). */
    rescan: scan,
    list: (): ModelInfo[] => [...models.values()],
    problems: (): ModelProblem[] => problems,
    /** The named model, or the first one when id is absent; 404 naming the known ids otherwise. */
    get(id?: string): ModelInfo {
      if (id === undefined || id === '') {
        const first = models.values().next();
        if (first.done) throw new HttpError(404, 'no_models', 'no model is installed yet: train one with POST /v1/jobs or `genegan train`');
        return first.value;
      }
      const info = models.get(id);
      if (!info) throw new HttpError(404, 'unknown_model', `model: expected one of ${[...models.keys()].join(', ') || '(none installed)'}, but got "${id}"`);
      return info;
    },
  };
}
