/**
 * Share of codes on each of the 2^k levels, and its entropy in bits (spec "What balanced should
 * show": balanced-exact gives ~1/2^k each, entropy ~k bits; uniform leaves outer levels empty).
 */
export function levelOccupancy(codes: Uint8Array, bits: number): { shares: number[]; entropyBits: number } {
  const counts = new Array<number>(2 ** bits).fill(0);
  for (const c of codes) counts[c] += 1;
  const shares = counts.map((n) => (codes.length === 0 ? 0 : n / codes.length));
  const entropyBits = -shares.reduce((s, p) => (p > 0 ? s + p * Math.log2(p) : s), 0);
  return { shares, entropyBits };
}
