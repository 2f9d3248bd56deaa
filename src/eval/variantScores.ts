import { tf, type Tensor4D } from '../backend/tf.ts';
import type { Variant } from './buildVariants.ts';
import { type EvalBatch, type FourImages, generateFour } from './pairs.ts';
import { maskedAbsDiff, psnr, ssim } from './imageMetrics.ts';
import { MeanAccumulator, RunningMoments, addTransferCounts, type TransferCounts } from './accumulators.ts';
import type { CounterfactualScores } from './counterfactualScores.ts';
import type { AttributeJudge, FactorJudge, FeatureNetwork } from './types.ts';

export interface Judges {
  attribute: AttributeJudge | null;
  factors: FactorJudge | null;
  features: FeatureNetwork[];
}

/** Streams the scores of one variant over the batches (float64 sums and moments only). */
export class VariantScores {
  readonly auPsnr = new MeanAccumulator();
  readonly auSsim = new MeanAccumulator();
  readonly b0Psnr = new MeanAccumulator();
  readonly b0Ssim = new MeanAccumulator();
  readonly transfer: TransferCounts = { buWith: 0, a0Without: 0, total: 0 };
  /** The same judged on Au' (the reconstruction): how much of the exemplar survives Dec(A, x) at all. */
  readonly reconstructionFidelityCorrect: Record<string, number> = {};
  /**
   * Per factor head: counts[truth][predicted] of (Au's ground truth, the judge's reading of Bu); its
   * diagonal counts the pairs whose Bu shows the exemplar's factor (perFactor fidelity).
   */
  readonly fidelityConfusion: Record<string, { labels: readonly string[]; counts: number[][] }> = {};
  fidelityAll = 0;
  fidelityPairs = 0;
  readonly buVsB0 = new MeanAccumulator();
  readonly a0VsAu = new MeanAccumulator();
  readonly b0RecVsB0 = new MeanAccumulator();
  readonly moments: Record<string, { bu: RunningMoments; a0: RunningMoments }> = {};
  /** Synthetic sets: scores against the true Bu and A0 (set by scorePairs when they can be drawn). */
  counterfactual: CounterfactualScores | null = null;
  seconds = 0;

  constructor(
    readonly variant: Variant,
    features: FeatureNetwork[],
  ) {
    for (const f of features) this.moments[f.name] = { bu: new RunningMoments(f.dim), a0: new RunningMoments(f.dim) };
  }

  /**
   * Generates Au', B0', A0, Bu for the batch and adds every metric.
   * @returns the four generated images (NHWC [N,S,S,3] in [0,1]); the caller disposes them
   */
  async add(batch: EvalBatch, judges: Judges): Promise<FourImages> {
    const started = performance.now();
    const four = generateFour(this.variant.model, batch.au, batch.b0);
    await this.addReconstruction(batch, four);
    await this.addTransfer(four, judges);
    await this.addFidelity(batch, four, judges);
    await this.addPreservation(batch, four);
    await this.addFeatures(four, judges);
    this.seconds += (performance.now() - started) / 1000;
    return four;
  }

  private async addReconstruction(batch: EvalBatch, four: FourImages): Promise<void> {
    const scores = [psnr(batch.au, four.auRec), ssim(batch.au, four.auRec), psnr(batch.b0, four.b0Rec), ssim(batch.b0, four.b0Rec)];
    const [ap, as, bp, bs] = await Promise.all(scores.map((t) => t.data()));
    tf.dispose(scores);
    this.auPsnr.add(ap);
    this.auSsim.add(as);
    this.b0Psnr.add(bp);
    this.b0Ssim.add(bs);
  }

  private async addTransfer(four: FourImages, judges: Judges): Promise<void> {
    if (!judges.attribute) return;
    const bu = judges.attribute.probabilityWith(four.bu);
    const a0 = judges.attribute.probabilityWith(four.a0);
    addTransferCounts(this.transfer, await bu.data(), await a0.data());
    tf.dispose([bu, a0]);
  }

  private async addFidelity(batch: EvalBatch, four: FourImages, judges: Judges): Promise<void> {
    if (!judges.factors || !batch.auFactors) return;
    const predicted = await judges.factors.predict(four.bu);
    const reconstructed = await judges.factors.predict(four.auRec);
    const n = four.bu.shape[0];
    for (let i = 0; i < n; i++) {
      let all = true;
      for (const head of judges.factors.heads) {
        const truth = batch.auFactors[head.name][i];
        const ok = predicted[head.name][i] === truth;
        const counts = this.confusion(head);
        this.reconstructionFidelityCorrect[head.name] = (this.reconstructionFidelityCorrect[head.name] ?? 0) + (reconstructed[head.name][i] === truth ? 1 : 0);
        all &&= ok;
        if (truth >= 0) counts[truth][predicted[head.name][i]]++;
      }
      if (all) this.fidelityAll++;
    }
    this.fidelityPairs += n;
  }

  private confusion(head: { name: string; labels: readonly string[] }): number[][] {
    const L = head.labels.length;
    this.fidelityConfusion[head.name] ??= { labels: head.labels, counts: Array.from({ length: L }, () => new Array<number>(L).fill(0)) };
    return this.fidelityConfusion[head.name].counts;
  }

  private async addPreservation(batch: EvalBatch, four: FourImages): Promise<void> {
    if (!batch.keep) return;
    const diffs = [maskedAbsDiff(four.bu, batch.b0, batch.keep), maskedAbsDiff(four.a0, batch.au, batch.keep), maskedAbsDiff(four.b0Rec, batch.b0, batch.keep)];
    const [bu, a0, rec] = await Promise.all(diffs.map((t) => t.data()));
    tf.dispose(diffs);
    // a pair whose masks cover every pixel has nothing to compare (NaN): skipped
    const finite = (v: ArrayLike<number>) => Array.from(v).filter(Number.isFinite);
    this.buVsB0.add(finite(bu));
    this.a0VsAu.add(finite(a0));
    this.b0RecVsB0.add(finite(rec));
  }

  private async addFeatures(four: FourImages, judges: Judges): Promise<void> {
    for (const net of judges.features) {
      const bu = net.features(four.bu);
      const a0 = net.features(four.a0);
      this.moments[net.name].bu.add(await bu.data());
      this.moments[net.name].a0.add(await a0.data());
      tf.dispose([bu, a0]);
    }
  }
}

/**
 * Scores of the real images: the reference distributions of the Fréchet distances (real Au for Bu,
 * real B0 for A0) and the judges' accuracy on real data (how far their verdicts on generated images
 * can be trusted).
 */
export class RealScores {
  readonly moments: Record<string, { au: RunningMoments; b0: RunningMoments }> = {};
  auJudgedWith = 0;
  b0JudgedWithout = 0;
  images = 0;
  readonly factorCorrect: Record<string, number> = {};

  constructor(judges: Judges) {
    for (const f of judges.features) this.moments[f.name] = { au: new RunningMoments(f.dim), b0: new RunningMoments(f.dim) };
  }

  async add(batch: EvalBatch, judges: Judges): Promise<void> {
    const n = batch.au.shape[0];
    if (judges.attribute) {
      const pa = judges.attribute.probabilityWith(batch.au);
      const pb = judges.attribute.probabilityWith(batch.b0);
      const [a, b] = [await pa.data(), await pb.data()];
      tf.dispose([pa, pb]);
      for (let i = 0; i < n; i++) {
        if (a[i] > 0.5) this.auJudgedWith++;
        if (b[i] <= 0.5) this.b0JudgedWithout++;
      }
    }
    if (judges.factors && batch.auFactors) {
      const predicted = await judges.factors.predict(batch.au);
      for (const head of judges.factors.heads) {
        let correct = 0;
        for (let i = 0; i < n; i++) if (predicted[head.name][i] === batch.auFactors[head.name][i]) correct++;
        this.factorCorrect[head.name] = (this.factorCorrect[head.name] ?? 0) + correct;
      }
    }
    for (const net of judges.features) {
      const fa = net.features(batch.au);
      const fb = net.features(batch.b0);
      this.moments[net.name].au.add(await fa.data());
      this.moments[net.name].b0.add(await fb.data());
      tf.dispose([fa, fb]);
    }
    this.images += n;
  }
}
