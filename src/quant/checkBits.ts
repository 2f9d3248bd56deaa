import { MAX_BITS, MIN_BITS } from './constants.ts';

/**
 * Throws a clear error unless `bits` is an integer in 1..8 (spec: quantizers for k = 1..8).
 * `what` names the caller's field, e.g. "fakeQuantWeight bits" or "--bits".
 */
export function checkBits(bits: number, what: string): void {
  if (!Number.isInteger(bits) || bits < MIN_BITS || bits > MAX_BITS) {
    throw Object.assign(new RangeError(`${what}: expected an integer from ${MIN_BITS} to ${MAX_BITS}, but got ${String(bits)}`), {
      userFacing: true,
    });
  }
}

/** Number of levels minus one, 2^k - 1: the denominator of every k-bit uniform grid. */
export function topLevel(bits: number): number {
  return 2 ** bits - 1;
}
