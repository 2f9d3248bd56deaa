import path from 'node:path';

/** A directory of the server and the placeholder clients see instead, e.g. the data directory as <data>. */
export interface NamedDir {
  dir: string;
  name: string;
}

/** Strings this long are images (data URLs) or reports, never a message worth scanning as a whole. */
const SKIP_PREFIX = 'data:';

/**
 * Replaces the server's own directories in text with placeholders (<data>/runs/abc instead of
 * /srv/genegan/.genegan/runs/abc). Longer directories are tried first, so a data directory inside
 * the working directory shows as <data>, not <cwd>/.genegan. A directory only matches as a whole
 * path component: /srv/app does not touch /srv/application.
 */
export function createPathHider(dirs: NamedDir[]): { text(s: string): string; value<T>(v: T): T } {
  const usable = dirs.filter((d) => d.dir.length > 1).sort((a, b) => b.dir.length - a.dir.length);
  const byDir = new Map(usable.map((d) => [d.dir, d.name]));
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = usable.length ? new RegExp(`(${[...byDir.keys()].map(escape).join('|')})(?![\\w.-])`, 'g') : null;
  const text = (s: string) => (pattern && !s.startsWith(SKIP_PREFIX) ? s.replace(pattern, (dir) => byDir.get(dir)!) : s);
  const value = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(value);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)]));
    }
    return v;
  };
  return { text, value: value as <T>(v: T) => T };
}

/**
 * A copy of a JSON value with every absolute path shortened to its last component, so results
 * shown to clients (an evaluation's metrics) do not reveal the server's directory layout.
 * Unlike createPathHider it needs no list of directories: any absolute path is hidden.
 */
export function hidePaths(value: unknown): unknown {
  if (typeof value === 'string') return path.isAbsolute(value) && value.length > 1 ? path.basename(value) : value;
  if (Array.isArray(value)) return value.map(hidePaths);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hidePaths(v)]));
  return value;
}
