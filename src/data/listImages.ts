import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_EXTENSIONS } from './constants.ts';

/** Image files (jpg, jpeg, png, webp; any case) under `dir`, recursively, sorted, relative to it. */
export async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(e.name).toLowerCase()))
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .filter((rel) => !rel.split(path.sep).some((part) => part.startsWith('.')))
    .sort();
}
