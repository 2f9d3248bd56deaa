/**
 * Exact equalisation (spec "Balanced quantization" step 2, "thresholds at the percentiles i/2^k",
 * i.e. recursive medians): group = number of thresholds t_i <= w, with t_i the value of rank
 * ceil(i n / 2^k) in sorted order. Distinct values give exactly n / 2^k per group (when 2^k
 * divides n); equal values always share a group.
 */
export function percentileGroups(values: ArrayLike<number>, bits: number): Uint8Array {
  const n = values.length;
  const groupCount = 2 ** bits;
  const sorted = Float64Array.from(values).sort();
  const thresholds: number[] = [];
  for (let i = 1; i < groupCount; i++) {
    const rank = Math.ceil((i * n) / groupCount);
    thresholds.push(rank < n ? sorted[rank] : Infinity);
  }
  const groups = new Uint8Array(n);
  for (let j = 0; j < n; j++) groups[j] = countAtMost(thresholds, values[j]);
  return groups;
}

/** Number of entries of the ascending `thresholds` that are <= v (binary search). */
function countAtMost(thresholds: number[], v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (thresholds[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
