import { frechetToReference, type FrechetReference } from './frechet.ts';
import { type MeanAccumulator, transferRates } from './accumulators.ts';
import type { Stat, VariantMetrics } from './types.ts';
import type { VariantScores } from './variantScores.ts';

/** Real-image references of the Fréchet distances, per feature network. */
export type FrechetReferences = Record<string, { au: FrechetReference; b0: FrechetReference }>;

/**
 * Turns a variant's streamed sums into its metrics.json row. Fréchet distances: Bu against real Au
 * (both should show the attribute), A0 against real B0 (neither should).
 */
export function summarizeVariant(scores: VariantScores, references: FrechetReferences): VariantMetrics {
  const v = scores.variant;
  return {
    label: v.label,
    source: v.source,
    modelDir: v.modelDir,
    quantization: v.quantization ? { ...v.quantization } : null,
    transfer: transferRates(scores.transfer),
    reconstruction: {
      auPsnr: stat(scores.auPsnr),
      auSsim: stat(scores.auSsim),
      b0Psnr: stat(scores.b0Psnr),
      b0Ssim: stat(scores.b0Ssim),
    },
    fidelity: fidelity(scores),
    preservation: scores.buVsB0.count === 0 ? null : { buVsB0: stat(scores.buVsB0), a0VsAu: stat(scores.a0VsAu), b0RecVsB0: stat(scores.b0RecVsB0) },
    frechet: frechet(scores, references),
    counterfactual: scores.counterfactual?.summary() ?? null,
    weightBytes: v.weightBytes,
    seconds: Math.round(scores.seconds * 100) / 100,
  };
}

function stat(acc: MeanAccumulator): Stat {
  return acc.summary() ?? { mean: NaN, std: NaN, n: 0 };
}

function fidelity(scores: VariantScores): VariantMetrics['fidelity'] {
  if (scores.fidelityPairs === 0) return null;
  const n = scores.fidelityPairs;
  const share = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c / n]));
  const confusion = Object.fromEntries(
    Object.entries(scores.fidelityConfusion).map(([k, c]) => [k, { labels: [...c.labels], counts: c.counts.map((r) => [...r]) }]),
  );
  const correct = Object.fromEntries(Object.entries(confusion).map(([k, c]) => [k, c.counts.reduce((sum, row, t) => sum + row[t], 0)]));
  return { perFactor: share(correct), reconstructionPerFactor: share(scores.reconstructionFidelityCorrect), confusion, all: scores.fidelityAll / n, pairs: n };
}

function frechet(scores: VariantScores, references: FrechetReferences): VariantMetrics['frechet'] {
  const out: VariantMetrics['frechet'] = {};
  for (const [name, m] of Object.entries(scores.moments)) {
    const ref = references[name];
    if (!ref || m.bu.samples < 2) continue;
    out[name] = { bu: frechetToReference(ref.au, m.bu.moments()), a0: frechetToReference(ref.b0, m.a0.moments()) };
  }
  return out;
}
