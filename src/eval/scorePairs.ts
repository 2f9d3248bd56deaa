import { tf, type Tensor4D } from '../backend/tf.ts';
import type { Variant } from './buildVariants.ts';
import { changeMaskOf } from '../edit/changeMask.ts';
import type { ReportInputs } from './report.ts';
import { REPORT_DEFAULTS } from './constants.ts';
import { evalBatch, type FourImages, pairBatches } from './pairs.ts';
import type { PreparedJudges } from './judges.ts';
import { CounterfactualScores, counterfactualInputs, type CounterfactualContext, type CounterfactualInputs } from './counterfactualScores.ts';
import { RealScores, VariantScores } from './variantScores.ts';
import type { EvalDataset } from './types.ts';

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
 * With `counterfactuals` (synthetic sets), each batch's true Bu and A0 are drawn once and every
 * variant is also scored against them.
 */
export async function scorePairs(
  dataset: EvalDataset, variants: Variant[], prepared: PreparedJudges, maskDir: string | null, total: number, batchSize: number,
  onPairs: (done: number) => void, counterfactuals: CounterfactualContext | null = null,
): Promise<ScoredPairs> {
  const { judges } = prepared;
  const real = new RealScores(judges);
  const scores = variants.map((v) => new VariantScores(v, judges.features));
  // pictures of the first generator's answers for the report
  if (counterfactuals) scores.forEach((s, i) => (s.counterfactual = new CounterfactualScores(counterfactuals, changeMaskOf(variants[i].manifest), i === 0 ? REPORT_DEFAULTS.counterfactualExamples : 0)));
  let examples: ReportInputs | null = null;
  let pairs = 0;
  try {
    for await (const pair of pairBatches(dataset, total, batchSize)) {
      const batch = await evalBatch(pair, maskDir, prepared.factorTable, judges.factors);
      let truths: CounterfactualInputs | null = null;
      try {
        await real.add(batch, judges);
        truths = counterfactuals ? await counterfactualInputs(pair, counterfactuals) : null;
        const fours: FourImages[] = [];
        try {
          for (const s of scores) {
            const four = await s.add(batch, judges);
            fours.push(four);
            if (truths && s.counterfactual) {
              const started = performance.now();
              await s.counterfactual.add(s.variant.model, pair, four, truths, judges.attribute);
              s.seconds += (performance.now() - started) / 1000;
            }
          }
          examples ??= keepExamples(pair.au, pair.b0, pair.auIds, variants, fours);
        } finally {
          fours.forEach((f) => tf.dispose(Object.values(f)));
        }
      } finally {
        truths?.dispose();
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
