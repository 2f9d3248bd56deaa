import type { GaussianMoments } from './types.ts';

/**
 * Streams feature vectors into a mean and a sample covariance in float64 without keeping them
 * (bounded memory: dim + dim^2 numbers). Sums are taken about the first vector seen, which keeps
 * the cancellation in sum(x x^T) - n mu mu^T small when features sit far from zero.
 */
export class RunningMoments {
  readonly dim: number;
  private count = 0;
  private shift: Float64Array | null = null;
  private readonly sum: Float64Array;
  private readonly outer: Float64Array;
  private readonly centred: Float64Array;
  /** The raw samples while there are at most `dim` of them (same memory bound as the covariance). */
  private kept: Float64Array[] | null = [];

  constructor(dim: number) {
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`RunningMoments: expected a positive dimension, but got ${dim}`);
    this.dim = dim;
    this.sum = new Float64Array(dim);
    this.outer = new Float64Array(dim * dim);
    this.centred = new Float64Array(dim);
  }

  get samples(): number {
    return this.count;
  }

  /** @param rows row-major [rows, dim] features (e.g. the dataSync() of a [N, dim] tensor) */
  add(rows: ArrayLike<number>): void {
    const d = this.dim;
    if (rows.length % d !== 0) throw new Error(`RunningMoments: expected a multiple of ${d} values, but got ${rows.length}`);
    for (let start = 0; start < rows.length; start += d) this.addOne(rows, start);
  }

  private addOne(rows: ArrayLike<number>, start: number): void {
    const d = this.dim;
    for (let i = 0; i < d; i++) {
      const v = rows[start + i];
      if (!Number.isFinite(v)) throw new Error(`RunningMoments: expected finite features, but got ${v} in sample ${this.count}`);
    }
    this.shift ??= Float64Array.from({ length: d }, (_, i) => rows[start + i]);
    if (this.kept) {
      this.kept.push(Float64Array.from({ length: d }, (_, i) => rows[start + i]));
      if (this.kept.length > d) this.kept = null;
    }
    const x = this.centred;
    for (let i = 0; i < d; i++) {
      x[i] = rows[start + i] - this.shift[i];
      this.sum[i] += x[i];
    }
    for (let i = 0; i < d; i++) {
      const xi = x[i];
      const row = i * d;
      for (let j = i; j < d; j++) this.outer[row + j] += xi * x[j];
    }
    this.count++;
  }

  /** Mean and unbiased covariance (n - 1); needs at least 2 samples. */
  moments(): GaussianMoments {
    const n = this.count;
    const d = this.dim;
    if (n < 2) throw new Error(`RunningMoments: expected at least 2 samples for a covariance, but got ${n}`);
    const shifted = this.sum.map((s) => s / n);
    const cov = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const v = (this.outer[i * d + j] - n * shifted[i] * shifted[j]) / (n - 1);
        cov[i * d + j] = v;
        cov[j * d + i] = v;
      }
    }
    const shift = this.shift as Float64Array;
    const mean = shifted.map((m, i) => m + shift[i]);
    return { dim: d, count: n, mean, cov, samples: this.kept ? scaledSamples(this.kept, mean) : undefined };
  }
}

/** (x - mean) / sqrt(n - 1) per sample, row-major [n, dim]: cov = samples^T samples. */
function scaledSamples(kept: Float64Array[], mean: Float64Array): Float64Array {
  const d = mean.length;
  const scale = 1 / Math.sqrt(kept.length - 1);
  const out = new Float64Array(kept.length * d);
  kept.forEach((row, r) => {
    for (let i = 0; i < d; i++) out[r * d + i] = (row[i] - mean[i]) * scale;
  });
  return out;
}

/** Mean, standard deviation and count of a stream of numbers (float64 sums; values only, no storage). */
export interface MeanSummary {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std: number;
  n: number;
}

export class MeanAccumulator {
  private n = 0;
  private sum = 0;
  private sumSq = 0;

  add(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) throw new Error(`MeanAccumulator: expected finite values, but got ${v}`);
      this.n++;
      this.sum += v;
      this.sumSq += v * v;
    }
  }

  get count(): number {
    return this.n;
  }

  /** null when nothing was added (a metric that did not apply). */
  summary(): MeanSummary | null {
    if (this.n === 0) return null;
    const mean = this.sum / this.n;
    const variance = this.n > 1 ? Math.max(0, (this.sumSq - this.n * mean * mean) / (this.n - 1)) : 0;
    return { mean, std: Math.sqrt(variance), n: this.n };
  }
}

/** How often the attribute classifier sees the edit succeed (docs/eval.md "What is measured"). */
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
