import { existsSync } from 'node:fs';
import { rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { writeSynthDataset } from '../../data/synth/writeSynthDataset.ts';
import { replaceDir } from '../../shared/files.ts';

/**
 * The synthetic dataset a job asked for (src/data's `genegan synth`), drawn once into
 * <root>/synth-<size>px-<count>-seed<seed> and reused by later jobs with the same numbers. It is
 * drawn beside its final name and renamed into place, so a half-written set is never reused.
 * Reusing one touches its directory: retention (applyRetention.ts) keeps the most recently used.
 */
export async function prepareSyntheticDataset(
  root: string,
  spec: { count: number; seed?: number; size: number },
  onProgress: (done: number, total: number) => void,
): Promise<string> {
  const seed = spec.seed ?? 0;
  const dir = path.join(root, syntheticDatasetName(spec));
  if (existsSync(dir)) {
    const now = new Date();
    await utimes(dir, now, now).catch(() => {});
    return dir;
  }
  const tmp = `${dir}${TMP_MARK}${process.pid}-${Date.now()}`;
  try {
    await writeSynthDataset({ out: tmp, count: spec.count, size: spec.size, seed, onProgress });
    await replaceDir(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** Marks a set being drawn: <name>.tmp-<pid>-<time> (retention removes those of dead processes). */
export const TMP_MARK = '.tmp-';

/** Directory name of a synthetic dataset in the cache. */
export function syntheticDatasetName(spec: { count: number; seed?: number; size: number }): string {
  return `synth-${spec.size}px-${spec.count}-seed${spec.seed ?? 0}`;
}
