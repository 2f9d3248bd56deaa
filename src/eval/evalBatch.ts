import { tf, type Tensor4D } from '../backend/tf.ts';
import { factorLabels } from './classifier/factorBatches.ts';
import { loadMasks } from './loadMasks.ts';
import type { PairBatch } from './pairBatches.ts';
import type { FactorTable } from './readFactors.ts';
import type { FactorJudge } from './types.ts';
import type { EvalBatch } from './variantScores.ts';

/**
 * Adds to a pair batch what the synthetic ground truth offers: the "keep" mask (pixels outside the
 * attribute region of BOTH images of a pair: Au's glasses may land on Bu wherever they sat on Au,
 * and B0's own region is excluded for attributes B0 can partly show), and Au's factor labels.
 * The caller disposes `keep`.
 */
export async function evalBatch(pair: PairBatch, maskDir: string | null, table: FactorTable | null, factors: FactorJudge | null): Promise<EvalBatch> {
  let keep: Tensor4D | null = null;
  if (maskDir) {
    const size = pair.au.shape[1];
    const ma = await loadMasks(maskDir, pair.auIds, size);
    const mb = await loadMasks(maskDir, pair.b0Ids, size);
    keep = tf.tidy(() => tf.sub(1, tf.maximum(ma, mb)) as Tensor4D);
    tf.dispose([ma, mb]);
  }
  const auFactors = table && factors ? factorLabels(table, factors.heads.map((h) => ({ name: h.name, labels: [...h.labels] })), pair.auIds) : null;
  return { au: pair.au, b0: pair.b0, keep, auFactors };
}
