import { tf } from '../backend/tf.ts';
import { RunningMoments } from './moments.ts';
import type { EvalBatch, Judges } from './variantScores.ts';

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
