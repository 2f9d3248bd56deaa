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
