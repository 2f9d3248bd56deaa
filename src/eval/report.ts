import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { writeFileAtomic } from '../shared/files.ts';
import { MATRIX_EXEMPLARS } from '../model/operations.ts';
import { renderReportHtml, type ReportSections } from './renderReportHtml.ts';
import type { EvalMetrics } from './types.ts';
import type { Variant } from './buildVariants.ts';
import { REPORT_DEFAULTS } from './constants.ts';
import type { FactorTable } from './readFactors.ts';
import { matrixGrid, strengthRamp, swapGrid, variantsGrid, type VariantExamples } from './reportImages.ts';

export const REPORT_FILES = { metrics: 'metrics.json', html: 'report.html' } as const;

/** Writes metrics.json and the self-contained report.html into `dir` (each via temp + rename). */
export async function writeReport(dir: string, metrics: EvalMetrics, sections: ReportSections): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, REPORT_FILES.metrics), JSON.stringify(metrics, null, 2) + '\n');
  await writeFileAtomic(path.join(dir, REPORT_FILES.html), renderReportHtml(metrics, sections));
}

/** Example images kept from the first batch (owned by runEvaluation, which disposes them). */
export interface ReportInputs {
  /** NHWC [k, S, S, 3] in [0, 1]: the example pairs. */
  au: Tensor4D;
  b0: Tensor4D;
  /** Candidate exemplars for the matrix (the first Au images of the batch) with their ids. */
  exemplarPool: { images: Tensor4D; ids: string[] };
  variants: VariantExamples[];
}

/**
 * The report's pictures: swap grids of the first model (and of `base` when that is another row),
 * Bu and A0 of every variant side by side, strength ramps and the 4-exemplar matrix of `base`.
 */
export async function buildReportSections(inputs: ReportInputs, base: Variant, table: FactorTable | null): Promise<ReportSections> {
  const { au, b0 } = inputs;
  const swaps = [await swapGrid(au, b0, inputs.variants[0])];
  const baseExamples = inputs.variants.find((v) => v.label === base.label);
  if (baseExamples && baseExamples !== inputs.variants[0]) swaps.push(await swapGrid(au, b0, baseExamples));
  const comparisons = inputs.variants.length > 1 ? [await variantsGrid(au, b0, inputs.variants, 'bu'), await variantsGrid(au, b0, inputs.variants, 'a0')] : [];
  const k = Math.min(REPORT_DEFAULTS.rampTargets, b0.shape[0]);
  const targets = tf.slice(b0, 0, k) as Tensor4D;
  const ramps: ReportSections['ramps'] = [];
  for (let e = 0; e < Math.min(2, au.shape[0]); e++) {
    const exemplar = tf.slice(au, e, 1) as Tensor4D;
    ramps.push(await strengthRamp(base.model, `${base.label}, exemplar ${e + 1}`, targets, exemplar, REPORT_DEFAULTS.rampStrengths));
    exemplar.dispose();
  }
  const matrix = await matrixSection(inputs, base, table);
  targets.dispose();
  return { swaps, comparisons, ramps, matrix };
}

async function matrixSection(inputs: ReportInputs, base: Variant, table: FactorTable | null): Promise<ReportSections['matrix']> {
  const pool = inputs.exemplarPool;
  if (pool.ids.length < MATRIX_EXEMPLARS) return [];
  const picks = pickDiverse(pool.ids, table);
  const exemplars = tf.gather(pool.images, picks) as Tensor4D;
  const target = tf.slice(inputs.b0, 0, 1) as Tensor4D;
  const names = picks.map((i) => describe(pool.ids[i], table));
  const images = await matrixGrid(base.model, base.label, target, exemplars, REPORT_DEFAULTS.matrixSide, names);
  tf.dispose([exemplars, target]);
  return images;
}

/**
 * Four exemplars that differ in their first ground-truth factor (e.g. four glasses types) when
 * factors.csv is known, so the matrix spans visibly different attributes; else the first four.
 */
function pickDiverse(ids: string[], table: FactorTable | null): number[] {
  if (!table) return [0, 1, 2, 3];
  const seen = new Set<string>();
  const picks: number[] = [];
  ids.forEach((id, i) => {
    const key = table.rows.get(id)?.[0] ?? id;
    if (picks.length < MATRIX_EXEMPLARS && !seen.has(key)) {
      seen.add(key);
      picks.push(i);
    }
  });
  for (let i = 0; picks.length < MATRIX_EXEMPLARS; i++) if (!picks.includes(i)) picks.push(i);
  return picks;
}

function describe(id: string, table: FactorTable | null): string {
  const row = table?.rows.get(id);
  return row ? `${id} (${row.join(' / ')})` : id;
}
