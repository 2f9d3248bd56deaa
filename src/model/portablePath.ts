import path from 'node:path';

/**
 * How a manifest names a directory it came from (training data, a source model): relative to the
 * working directory when inside it ("data/synth20k"), else just its name. Manifests are shipped
 * and served, and an absolute path would tell every reader where the training machine keeps its files.
 */
export function portablePath(dir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(dir));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(path.resolve(dir));
}
