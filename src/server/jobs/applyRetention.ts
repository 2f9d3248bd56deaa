import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { presetConfig } from '../../model/presets.ts';
import { SAMPLES_DIR } from '../../train/constants.ts';
import { removeInside } from '../../shared/files.ts';
import { syntheticDatasetName, TMP_MARK } from './prepareSyntheticDataset.ts';
import type { JobStore } from './openJobStore.ts';
import type { Job } from './types.ts';
import type { JobRunnerOptions } from '../types.ts';

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionResult {
  jobs: string[];
  runs: string[];
  datasets: string[];
  samples: number;
}

/**
 * One pass of the data directory's retention policy (docs/service.md "Deploying"):
 * - finished jobs older than `retentionDays` are deleted with their run directories;
 * - run directories without a job row (deleted jobs, a crash between the two deletes) go;
 * - each run keeps its newest `keepSamples` sample grids;
 * - the synthetic cache keeps the `keepSyntheticDatasets` most recently used sets, and always the
 *   sets of queued and running jobs; half-drawn sets of processes that are gone are removed.
 * Everything is deleted with removeInside, so nothing outside the data directory is touched.
 */
export async function applyRetention(dataDir: string, store: JobStore, options: JobRunnerOptions, now = Date.now()): Promise<RetentionResult> {
  const result: RetentionResult = { jobs: [], runs: [], datasets: [], samples: 0 };
  const runsDir = path.join(dataDir, 'runs');
  if (options.retentionDays > 0) {
    for (const id of store.finishedBefore(now - options.retentionDays * DAY_MS)) {
      await removeInside(runsDir, id);
      store.remove(id);
      result.jobs.push(id);
    }
  }
  const ids = store.ids();
  for (const name of await list(runsDir)) {
    if (ids.has(name)) result.samples += await pruneSamples(path.join(runsDir, name, SAMPLES_DIR), options.keepSamples);
    else if (await removeInside(runsDir, name)) result.runs.push(name);
  }
  result.datasets = await pruneSynthetic(path.join(dataDir, 'datasets'), store, options.keepSyntheticDatasets);
  return result;
}

async function list(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => n !== '.gitignore');
}

/** Sample grids are iter-<7 digits>.png, so name order is iteration order. */
async function pruneSamples(dir: string, keep: number): Promise<number> {
  const grids = (await list(dir)).filter((n) => /^iter-\d+\.png$/.test(n)).sort();
  const old = grids.slice(0, Math.max(0, grids.length - keep));
  for (const name of old) await rm(path.join(dir, name), { force: true });
  return old.length;
}

async function pruneSynthetic(dir: string, store: JobStore, keep: number): Promise<string[]> {
  const inUse = new Set(store.list(100_000).filter((j) => j.state === 'queued' || j.state === 'running').map(syntheticNameOf));
  const removed: string[] = [];
  const sets: { name: string; mtime: number }[] = [];
  for (const name of await list(dir)) {
    if (!name.startsWith('synth-')) continue;
    const tmp = name.indexOf(TMP_MARK);
    if (tmp >= 0) {
      const pid = Number(name.slice(tmp + TMP_MARK.length).split('-')[0]);
      if (!isAlive(pid) && (await removeInside(dir, name))) removed.push(name);
      continue;
    }
    const s = await stat(path.join(dir, name)).catch(() => null);
    if (s?.isDirectory()) sets.push({ name, mtime: s.mtimeMs });
  }
  sets.sort((a, b) => b.mtime - a.mtime);
  for (const { name } of sets.slice(keep)) {
    if (inUse.has(name)) continue;
    if (await removeInside(dir, name)) removed.push(name);
  }
  return removed;
}

/** The cache entry a queued or running job draws or reads, if it uses a synthetic set. */
function syntheticNameOf(job: Job): string | null {
  const p = job.params as { dataset?: { synthetic?: { count: number; seed?: number } }; preset?: string; imageSize?: number };
  const synthetic = p.dataset?.synthetic;
  if (!synthetic) return null;
  try {
    const size = job.kind === 'eval' ? p.imageSize! : presetConfig(p.preset ?? 'compact64').imageSize;
    return syntheticDatasetName({ ...synthetic, size });
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
