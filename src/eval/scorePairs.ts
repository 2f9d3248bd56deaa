import { tf, type Tensor4D } from '../backend/tf.ts';
import type { Variant } from './buildVariants.ts';
import type { ReportInputs } from './buildReportSections.ts';
import { REPORT_DEFAULTS } from './constants.ts';
import { evalBatch } from './evalBatch.ts';
import type { FourImages } from './generateFour.ts';
import { pairBatches } from './pairBatches.ts';
import type { PreparedJudges } from './prepareJudges.ts';
import { RealScores } from './realScores.ts';
import type { EvalDataset } from './types.ts';
import { VariantScores } from './variantScores.ts';

export interface ScoredPairs {
  real: RealScores;
  scores: VariantScores[];
  /** Example images of the first batch for the report; the caller disposes them (disposeExamples). */
  examples: ReportInputs | null;
  pairs: number;
}

/**
 * The streaming pass: each batch of pairs is scored by every variant (generated images are
 * disposed right after), real images feed the judges' baselines and the Fréchet references.
 */
export async function scorePairs(
  dataset: EvalDataset, variants: Variant[], prepared: PreparedJudges, maskDir: string | null, total: number, batchSize: number,
  onPairs: (done: number) => void,
): Promise<ScoredPairs> {
  const { judges } = prepared;
  const real = new RealScores(judges);
  const scores = variants.map((v) => new VariantScores(v, judges.features));
  let examples: ReportInputs | null = null;
  let pairs = 0;
  try {
    for await (const pair of pairBatches(dataset, total, batchSize)) {
      const batch = await evalBatch(pair, maskDir, prepared.factorTable, judges.factors);
      try {
        await real.add(batch, judges);
        const fours: FourImages[] = [];
        try {
          for (const s of scores) fours.push(await s.add(batch, judges));
          examples ??= keepExamples(pair.au, pair.b0, pair.auIds, variants, fours);
        } finally {
          fours.forEach((f) => tf.dispose(Object.values(f)));
        }
      } finally {
        tf.dispose(batch.keep ?? []);
      }
      pairs += pair.au.shape[0];
      onPairs(pairs);
    }
  } catch (err) {
    disposeExamples(examples);
    throw err;
  }
  return { real, scores, examples, pairs };
}

/** The first pairs of the first batch, and each variant's four images of them, for the report. */
function keepExamples(au: Tensor4D, b0: Tensor4D, auIds: string[], variants: Variant[], fours: FourImages[]): ReportInputs {
  const k = Math.min(REPORT_DEFAULTS.examples, au.shape[0]);
  const head = (t: Tensor4D) => tf.slice(t, 0, k) as Tensor4D;
  // the matrix picks 4 varied exemplars from a larger pool of the batch's Au images
  const pool = au.shape[0];
  return {
    au: head(au),
    b0: head(b0),
    exemplarPool: { images: tf.slice(au, 0, pool) as Tensor4D, ids: auIds.slice(0, pool) },
    variants: variants.map((v, i) => ({ label: v.label, four: { auRec: head(fours[i].auRec), b0Rec: head(fours[i].b0Rec), a0: head(fours[i].a0), bu: head(fours[i].bu) } })),
  };
}

export function disposeExamples(examples: ReportInputs | null): void {
  if (examples) tf.dispose([examples.au, examples.b0, examples.exemplarPool.images, ...examples.variants.flatMap((v) => Object.values(v.four))]);
}
