import { tf } from '../backend/tf.ts';
import { openDataset } from '../data/openDataset.ts';
import type { RgbRaster } from '../data/synth/renderFace.ts';
import type { Split } from '../data/types.ts';
import { applyChange, measureChange, resizeMapping, type ChangeMaskOptions } from '../face/composite.ts';
import { CHANGE_MASK } from '../face/constants.ts';
import { cropsToTensor } from '../face/cropsToTensor.ts';
import { loadModel } from '../model/loadModel.ts';
import { loadClassifier } from './classifier/classifierFiles.ts';
import { rasterPsnr, replaceBatch, ResidualPlan, toModelSize } from './composites.ts';
import { counterfactualInputs, generateForComposites, prepareCounterfactuals } from './counterfactualScores.ts';
import { attributeJudge } from './judges.ts';
import { pairBatches } from './pairs.ts';
import { addTransferCounts, transferRates, type TransferCounts } from './accumulators.ts';
import type { AttributeJudge } from './types.ts';

/** One generator of the sweep and the attribute classifier that judges its transfer. */
export interface SweepModel {
  model: string;
  classifier?: string;
}

export interface ChangeMaskSweepOptions {
  models: SweepModel[];
  /** A synthetic set not used in training (its factors.csv draws the truths). */
  data: string;
  split: Split;
  pairs: number;
  batchSize: number;
  /** The truths and inputs are drawn at scale x the model's size. */
  scale: number;
  grid: ChangeMaskOptions[];
}

/** Mean 4x PSNR of Bu and A0 against their truths, and transfer as the judge reads them at the model's size. */
export interface SweepScores {
  buPsnr: number;
  a0Psnr: number;
  transfer: { buWith: number; a0Without: number; mean: number; pairs: number } | null;
}

export type SweepFamily = 'service' | 'residual' | 'blend' | 'residualZero' | 'detail';

export interface SweepResult {
  model: string;
  attribute: string;
  pairs: number;
  size: number;
  replace: SweepScores;
  /**
   * What the service composes (src/edit/editImages.ts), through applyChange itself: Bu's change
   * against B0' = Dec(B, 0), A0's measured from the model's input and masked against Au', both
   * upsampled consistently (A0 between the mask's erase thresholds). Rank masks on this family.
   * The other families are alternatives, composed with the plain upsampled change.
   */
  service: Array<{ mask: ChangeMaskOptions; scores: SweepScores }>;
  /** Residual with both changes against the reconstructions Dec(B, x_B) and Au' (the first service). */
  residual: Array<{ mask: ChangeMaskOptions; scores: SweepScores }>;
  /** The same masks letting the generated image through instead of the change (ResidualPlan.blend). */
  blend: Array<{ mask: ChangeMaskOptions; scores: SweepScores }>;
  /**
   * Residual with Bu's change measured against B0' = Dec(B_background, 0) instead of
   * Dec(B_background, B_object): B is the target without the attribute, and an encoder that does
   * not null B's object part otherwise reconstructs B with some of the attribute already on.
   */
  residualZero: Array<{ mask: ChangeMaskOptions; scores: SweepScores }>;
  /**
   * The change measured against the model's own input instead of a reconstruction (output minus
   * input at the model's size), masked where output and reconstruction differ (Bu: against
   * Dec(B_background, 0)): under the mask the result is the output at the model's size plus the
   * input's finer detail, so the edit is as complete as replace's where it applies.
   */
  detail: Array<{ mask: ChangeMaskOptions; scores: SweepScores }>;
  seconds: number;
}

/** The default grid: smoothing, both thresholds and the feather, around the service's values. */
export function defaultSweepGrid(): ChangeMaskOptions[] {
  const grid: ChangeMaskOptions[] = [];
  for (const sigma of [1, 2]) {
    for (const low of [0.02, 0.04, 0.08]) {
      for (const width of [0.04, 0.12]) {
        for (const feather of [1, 2]) grid.push({ ...CHANGE_MASK, sigma, low, high: Math.round((low + width) * 1000) / 1000, feather });
      }
    }
  }
  return grid;
}

class Sums {
  bu = 0;
  a0 = 0;
  n = 0;
  readonly transfer: TransferCounts = { buWith: 0, a0Without: 0, total: 0 };
  scores(judged: boolean): SweepScores {
    return { buPsnr: this.bu / this.n, a0Psnr: this.a0 / this.n, transfer: judged ? transferRates(this.transfer) : null };
  }
}

/**
 * Sweeps the change-mask thresholds of residual composition on held-out synthetic pairs: each
 * batch goes through the generator once (inputs drawn at scale x the model's size and brought
 * down to it), then every setting of the grid composes Bu and A0 at the large size (ResidualPlan:
 * applyChange's bytes without resampling the delta per setting) and is scored against the truths;
 * 'replace' (the generated image upsampled) is the baseline. Streams one batch at a time.
 */
export async function sweepChangeMask(o: ChangeMaskSweepOptions, onProgress: (message: string) => void = () => {}): Promise<SweepResult[]> {
  const results: SweepResult[] = [];
  for (const m of o.models) {
    const started = performance.now();
    const { model, manifest } = await loadModel(m.model);
    let clf: Awaited<ReturnType<typeof loadClassifier>> | null = null;
    let dataset: Awaited<ReturnType<typeof openDataset>> | null = null;
    try {
      clf = m.classifier ? await loadClassifier(m.classifier) : null;
      const judge = clf ? attributeJudge(clf.classifier) : null;
      const attribute = manifest.attribute;
      if (!attribute) throw new Error(`${m.model}: expected the manifest to name its attribute, but it names none`);
      const size = model.config.imageSize;
      const big = size * o.scale;
      const notes: string[] = [];
      dataset = await openDataset(o.data, { attribute, imageSize: size, split: o.split, prefetch: 0 });
      const ctx = await prepareCounterfactuals(o.data, attribute, size, o.scale, notes);
      if (!ctx) throw new Error(`${o.data}: expected a synthetic set whose ${attribute} counterfactuals can be drawn, but: ${notes.join('; ')}`);
      const plan = new ResidualPlan(big, big, size);
      const toModel = resizeMapping(big, big, size);
      const replace = new Sums();
      const service = o.grid.map(() => new Sums());
      const residual = o.grid.map(() => new Sums());
      const blend = o.grid.map(() => new Sums());
      const residualZero = o.grid.map(() => new Sums());
      const detail = o.grid.map(() => new Sums());
      let done = 0;
      for await (const pair of pairBatches(dataset, o.pairs, o.batchSize)) {
        const inputs = await counterfactualInputs(pair, ctx);
        const g = generateForComposites(model, inputs.large.modelA, inputs.large.modelB);
        try {
          const [bu, a0, aRec, bRec, bZero, aIn, bIn] = (await Promise.all([g.bu, g.a0, g.aRec, g.bRec, g.bZero, inputs.large.modelA, inputs.large.modelB].map((t) => t.data()))) as Float32Array[];
          const { large } = inputs;
          await score(replace, await replaceBatch(g.bu, big), await replaceBatch(g.a0, big), large.bu, large.a0, judge, size);
          const n = pair.au.shape[0];
          const per = size * size * 3;
          const image = (d: Float32Array, i: number) => ({ data: d.subarray(i * per, (i + 1) * per), width: size, height: size, channels: 3 });
          // the delta does not depend on the mask: upsampled once per image
          // (the service family goes through applyChange itself)
          const deltas = Array.from({ length: n }, (_, i) => ({
            bu: plan.upsample(measureChange(image(bu, i), image(bRec, i)).delta.data, 3),
            a0: plan.upsample(measureChange(image(a0, i), image(aRec, i)).delta.data, 3),
            buZero: plan.upsample(measureChange(image(bu, i), image(bZero, i)).delta.data, 3),
            buDetail: plan.upsample(measureChange(image(bu, i), image(bIn, i)).delta.data, 3),
            a0Detail: plan.upsample(measureChange(image(a0, i), image(aIn, i)).delta.data, 3),
          }));
          const generated = Array.from({ length: n }, (_, i) => ({ bu: plan.upsample(image(bu, i).data, 3), a0: plan.upsample(image(a0, i).data, 3) }));
          for (const [k, mask] of o.grid.entries()) {
            const alphas = Array.from({ length: n }, (_, i) => ({
              bu: plan.upsample(measureChange(image(bu, i), image(bRec, i), mask).mask.data, 1),
              a0: plan.upsample(measureChange(image(a0, i), image(aRec, i), mask).mask.data, 1),
            }));
            const compose = (target: RgbRaster[], which: 'bu' | 'a0') => target.map((t, i) => plan.compose(t, alphas[i][which], deltas[i][which]));
            const a0Residual = compose(large.a, 'a0');
            await score(residual[k], compose(large.b, 'bu'), a0Residual, large.bu, large.a0, judge, size);
            // Bu's change against B0' = Dec(B, 0) with this mask: one per image, for three families
            const zeroChanges = Array.from({ length: n }, (_, i) => measureChange(image(bu, i), image(bZero, i), mask));
            const zeroMasks = zeroChanges.map((change) => plan.upsample(change.mask.data, 1));
            const buZero = large.b.map((t, i) => plan.compose(t, zeroMasks[i], deltas[i].buZero));
            await score(residualZero[k], buZero, a0Residual, large.bu, large.a0, judge, size);
            const a0Served = large.a.map((t, i) => applyChange(t, measureChange(image(a0, i), image(aRec, i), mask, image(aIn, i)), toModel));
            const buServed = large.b.map((t, i) => applyChange(t, zeroChanges[i], toModel));
            await score(service[k], buServed, a0Served, large.bu, large.a0, judge, size);
            await score(detail[k], large.b.map((t, i) => plan.compose(t, zeroMasks[i], deltas[i].buDetail)), a0Served, large.bu, large.a0, judge, size);
            const mix = (target: RgbRaster[], which: 'bu' | 'a0') => target.map((t, i) => plan.blend(t, alphas[i][which], generated[i][which]));
            await score(blend[k], mix(large.b, 'bu'), mix(large.a, 'a0'), large.bu, large.a0, judge, size);
          }
        } finally {
          tf.dispose(Object.values(g));
          inputs.dispose();
        }
        done += pair.au.shape[0];
        onProgress(`${m.model}: ${done}/${o.pairs} pairs x ${o.grid.length} masks, ${Math.round((performance.now() - started) / 1000)} s`);
      }
      results.push({
        model: m.model, attribute, pairs: replace.n, size,
        replace: replace.scores(judge !== null),
        service: o.grid.map((mask, k) => ({ mask, scores: service[k].scores(judge !== null) })),
        residual: o.grid.map((mask, k) => ({ mask, scores: residual[k].scores(judge !== null) })),
        blend: o.grid.map((mask, k) => ({ mask, scores: blend[k].scores(judge !== null) })),
        residualZero: o.grid.map((mask, k) => ({ mask, scores: residualZero[k].scores(judge !== null) })),
        detail: o.grid.map((mask, k) => ({ mask, scores: detail[k].scores(judge !== null) })),
        seconds: Math.round((performance.now() - started) / 1000),
      });
    } finally {
      await dataset?.close();
      model.dispose();
      clf?.classifier.dispose();
    }
  }
  return results;
}

async function score(sums: Sums, bu: RgbRaster[], a0: RgbRaster[], truthBu: RgbRaster[], truthA0: RgbRaster[], judge: AttributeJudge | null, size: number): Promise<void> {
  bu.forEach((x, i) => (sums.bu += rasterPsnr(x, truthBu[i])));
  a0.forEach((x, i) => (sums.a0 += rasterPsnr(x, truthA0[i])));
  sums.n += bu.length;
  if (!judge) return;
  const small = async (images: RgbRaster[]) => cropsToTensor(await Promise.all(images.map((x) => toModelSize(x, size))));
  const [sb, sa] = [await small(bu), await small(a0)];
  const pb = judge.probabilityWith(sb);
  const pa = judge.probabilityWith(sa);
  addTransferCounts(sums.transfer, await pb.data(), await pa.data());
  tf.dispose([sb, sa, pb, pa]);
}

/** Transfer may fall at most this many points below replace's, for Bu and for A0. */
export const TRANSFER_TOLERANCE = 0.02;

/**
 * The settings good for every model at once: those whose residual transfer stays within
 * TRANSFER_TOLERANCE of replace's on every model, ranked by their worst 4x PSNR gain over replace
 * (the smaller of Bu's and A0's, over all models), best first. Settings are matched by position
 * (every result comes from the same grid).
 */
export function rankMasks(results: SweepResult[], family: SweepFamily = 'service'): Array<{ mask: ChangeMaskOptions; worstGain: number; transferOk: boolean }> {
  const grid = results[0]?.[family].map((r) => r.mask) ?? [];
  const ranked = grid.map((mask, k) => {
    let worstGain = Infinity;
    let transferOk = true;
    for (const r of results) {
      const s = r[family][k].scores;
      worstGain = Math.min(worstGain, s.buPsnr - r.replace.buPsnr, s.a0Psnr - r.replace.a0Psnr);
      const t = s.transfer;
      const base = r.replace.transfer;
      if (t && base) transferOk &&= t.buWith >= base.buWith - TRANSFER_TOLERANCE - 1e-9 && t.a0Without >= base.a0Without - TRANSFER_TOLERANCE - 1e-9;
    }
    return { mask, worstGain, transferOk };
  });
  return ranked.sort((a, b) => Number(b.transferOk) - Number(a.transferOk) || b.worstGain - a.worstGain);
}
