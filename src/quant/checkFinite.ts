/** Throws a clear error naming the first non-finite element (weights must be finite to quantize). */
export function checkFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${what}: expected finite values, but got ${values[i]} at element ${i}`);
    }
  }
}
