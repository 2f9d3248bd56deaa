import { lstat, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file via a temporary sibling and a rename, so readers never see a half-written file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Moves `from` to `to`, replacing an existing `to` (old one renamed aside first, then removed). */
export async function replaceDir(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(to)), { recursive: true });
  const old = `${to}.old-${process.pid}`;
  let hadOld = true;
  try {
    await rename(to, old);
  } catch {
    hadOld = false;
  }
  await rename(from, to);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * Deletes root/name, where name must be one plain path segment (a job id, a dataset directory
 * name), so nothing outside `root` can be named. A symbolic link there is unlinked, never
 * followed, and rm does not follow links inside the directory either. A missing entry is fine.
 */
export async function removeInside(root: string, name: string): Promise<boolean> {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\') || name.includes('\0')) {
    throw new Error(`removeInside: expected one path segment inside ${path.basename(root)}/, but got "${name}"`);
  }
  const target = path.join(root, name);
  const stat = await lstat(target).catch(() => null);
  if (stat === null) return false;
  if (stat.isDirectory()) await rm(target, { recursive: true, force: true });
  else await unlink(target);
  return true;
}
