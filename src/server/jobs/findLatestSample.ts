import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { SAMPLES_DIR } from '../../train/constants.ts';

/**
 * The newest sample grid the trainer wrote in a run directory (samples/<name with the iteration>.png,
 * see src/train), with the iteration read from the digits of its name; null when there is none.
 */
export async function findLatestSample(runDir: string): Promise<{ file: string; iteration: number } | null> {
  let names: string[];
  try {
    names = await readdir(path.join(runDir, SAMPLES_DIR));
  } catch {
    return null;
  }
  let best: { file: string; iteration: number } | null = null;
  for (const name of names) {
    const m = /(\d+)\.png$/.exec(name);
    if (!m) continue;
    const iteration = Number(m[1]);
    if (!best || iteration > best.iteration) best = { file: path.join(runDir, SAMPLES_DIR, name), iteration };
  }
  return best;
}
