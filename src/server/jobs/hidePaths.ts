import path from 'node:path';

/**
 * A copy of a JSON value with every absolute path shortened to its last component, so results
 * shown to clients (an evaluation's metrics) do not reveal the server's directory layout.
 */
export function hidePaths(value: unknown): unknown {
  if (typeof value === 'string') return path.isAbsolute(value) && value.length > 1 ? path.basename(value) : value;
  if (Array.isArray(value)) return value.map(hidePaths);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hidePaths(v)]));
  return value;
}
