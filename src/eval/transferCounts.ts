/** How often the attribute classifier sees the edit succeed (spec "How follow-up work is evaluated"). */
export interface TransferCounts {
  /** Bu images judged to have the attribute. */
  buWith: number;
  /** A0 images judged not to have it. */
  a0Without: number;
  /** Pairs judged. */
  total: number;
}

/** The decision threshold on P(with): the classifier's arg-max for two classes. */
export const TRANSFER_THRESHOLD = 0.5;

/**
 * Adds one batch: `buWith[i]` and `a0With[i]` are the classifier's P(attribute) for Bu and A0 of
 * pair i. Bu succeeds when P > 0.5, A0 when P <= 0.5 (a tie counts as "without").
 */
export function addTransferCounts(counts: TransferCounts, buWith: ArrayLike<number>, a0With: ArrayLike<number>): void {
  if (buWith.length !== a0With.length) throw new Error(`transfer counts: expected as many Bu as A0 scores, but got ${buWith.length} and ${a0With.length}`);
  for (let i = 0; i < buWith.length; i++) {
    if (buWith[i] > TRANSFER_THRESHOLD) counts.buWith++;
    if (a0With[i] <= TRANSFER_THRESHOLD) counts.a0Without++;
  }
  counts.total += buWith.length;
}

/** Shares in [0, 1]: Bu judged "with", A0 judged "without", and their mean (null when no pairs). */
export function transferRates(counts: TransferCounts): { buWith: number; a0Without: number; mean: number; pairs: number } | null {
  if (counts.total === 0) return null;
  const buWith = counts.buWith / counts.total;
  const a0Without = counts.a0Without / counts.total;
  return { buWith, a0Without, mean: (buWith + a0Without) / 2, pairs: counts.total };
}
