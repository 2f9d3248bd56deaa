import { lstat, rm, unlink } from 'node:fs/promises';
import path from 'node:path';

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
