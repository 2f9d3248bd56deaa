import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Bytes under a directory, measured in the background: `bytes()` answers at once from the last
 * walk (a walk over a 200k-image synthetic cache takes seconds, too slow for a request), and
 * `refresh()` starts a new walk unless one is running. Links are counted, not followed.
 */
export function createDiskMonitor(dir: string) {
  let bytes = 0;
  let walking: Promise<number> | null = null;
  return {
    bytes: () => bytes,
    refresh(): Promise<number> {
      walking ??= sizeOf(dir).then((n) => (bytes = n)).finally(() => (walking = null));
      return walking;
    },
  };
}

/** Allocated bytes of a file tree (what a disk budget is about); entries that vanish count 0. */
export async function sizeOf(target: string): Promise<number> {
  const stat = await lstat(target).catch(() => null);
  if (stat === null) return 0;
  const own = stat.blocks > 0 ? stat.blocks * 512 : stat.size;
  if (!stat.isDirectory()) return own;
  const names = await readdir(target).catch(() => [] as string[]);
  let total = own;
  // A few at a time: enough to keep the disk busy without flooding the thread pool the server shares.
  for (let i = 0; i < names.length; i += 16) {
    const sizes = await Promise.all(names.slice(i, i + 16).map((n) => sizeOf(path.join(target, n))));
    total += sizes.reduce((a, b) => a + b, 0);
  }
  return total;
}
