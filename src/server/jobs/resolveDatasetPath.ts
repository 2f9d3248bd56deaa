import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { HttpError } from '../httpError.ts';

/**
 * A client's dataset path, resolved inside the datasets root. Clients may name any directory
 * below the root (relative, or absolute but inside it) and nothing outside it, so a job cannot
 * read arbitrary server directories.
 */
export function resolveDatasetPath(root: string, given: string, field = 'dataset.path'): string {
  const resolved = path.resolve(root, given);
  const rel = path.relative(root, resolved);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new HttpError(400, 'bad_field', `field ${field}: expected a directory inside the datasets root ${root}, but got "${given}"`);
  }
  if (!existsSync(resolved) || !statSync(resolved).isDirectory()) {
    throw new HttpError(400, 'bad_field', `field ${field}: expected an existing directory, but "${given}" does not exist under ${root}`);
  }
  return resolved;
}
