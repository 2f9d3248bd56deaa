/**
 * The paper's cheap equalisation (spec "Balanced quantization" step 2, recursive partition by the
 * MEAN): k rounds of "split every group at its mean", building a k-bit group id MSB first. Values
 * >= the mean go to the upper half (M_g = M * [W >= T]). Group ids are ordered like the values:
 * every value of group g is below every value of group g + 1.
 */
export function meanGroups(values: ArrayLike<number>, bits: number): Uint8Array {
  const groups = new Uint8Array(values.length);
  for (let level = 0; level < bits; level++) {
    const count = 2 ** level;
    const sum = new Float64Array(count);
    const size = new Float64Array(count);
    for (let i = 0; i < values.length; i++) {
      sum[groups[i]] += values[i];
      size[groups[i]] += 1;
    }
    for (let i = 0; i < values.length; i++) {
      const g = groups[i];
      groups[i] = 2 * g + (values[i] >= sum[g] / size[g] ? 1 : 0);
    }
  }
  return groups;
}
