/** max |v| over all elements (0 for an empty array); a statistic, so plain JS without gradient. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** mean |v| over all elements (0 for an empty array). */
export function meanAbs(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]);
  return values.length === 0 ? 0 : s / values.length;
}
