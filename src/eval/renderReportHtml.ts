import { REPORT_DEFAULTS } from './constants.ts';
import type { ReportImage } from './reportImages.ts';
import type { EvalMetrics, Stat, VariantMetrics } from './types.ts';

export interface ReportSections {
  swaps: ReportImage[];
  comparisons: ReportImage[];
  ramps: ReportImage[];
  matrix: ReportImage[];
  /** Synthetic sets: the first pairs' true and composed Bu and A0 at the larger size. */
  counterfactuals?: ReportImage[];
}

/** A metric column: header, value getter, format, and whether larger is better (for the highlight). */
interface Column {
  header: string;
  get: (v: VariantMetrics) => number | null | undefined;
  format: (x: number) => string;
  /** null: no "best" highlight (reference columns such as the reconstruction floor). */
  higherIsBetter: boolean | null;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const fixed = (digits: number) => (x: number) => x.toFixed(digits);
const mean = (s: Stat | undefined) => (s && s.n > 0 ? s.mean : null);

/** Transfer, reconstruction and size: every data set has these. */
function coreColumns(): Column[] {
  return [
    { header: 'Bu judged with', get: (v) => v.transfer?.buWith, format: pct, higherIsBetter: true },
    { header: 'A0 judged without', get: (v) => v.transfer?.a0Without, format: pct, higherIsBetter: true },
    { header: "PSNR Au' (dB)", get: (v) => mean(v.reconstruction.auPsnr), format: fixed(2), higherIsBetter: true },
    { header: "SSIM Au'", get: (v) => mean(v.reconstruction.auSsim), format: fixed(3), higherIsBetter: true },
    { header: "PSNR B0' (dB)", get: (v) => mean(v.reconstruction.b0Psnr), format: fixed(2), higherIsBetter: true },
    { header: "SSIM B0'", get: (v) => mean(v.reconstruction.b0Ssim), format: fixed(3), higherIsBetter: true },
    { header: 'Weight files (KiB)', get: (v) => v.weightBytes / 1024, format: fixed(1), higherIsBetter: false },
  ];
}

/** Ground-truth metrics (synthetic sets) and the Fréchet distances. */
function detailColumns(metrics: EvalMetrics): Column[] {
  const cols: Column[] = [{ header: 'Fidelity (all factors)', get: (v) => v.fidelity?.all, format: pct, higherIsBetter: true }];
  const factorNames = new Set(metrics.variants.flatMap((v) => Object.keys(v.fidelity?.perFactor ?? {})));
  for (const f of factorNames) cols.push({ header: `Fidelity ${f}`, get: (v) => v.fidelity?.perFactor[f], format: pct, higherIsBetter: true });
  for (const f of factorNames) cols.push({ header: `Fidelity ${f} of Au' (ceiling)`, get: (v) => v.fidelity?.reconstructionPerFactor?.[f], format: pct, higherIsBetter: true });
  const levels = (x: number) => (255 * x).toFixed(2);
  cols.push(
    { header: 'Change outside mask Bu vs B0 (0-255)', get: (v) => mean(v.preservation?.buVsB0), format: levels, higherIsBetter: false },
    { header: "Floor: B0' vs B0 (0-255)", get: (v) => mean(v.preservation?.b0RecVsB0), format: levels, higherIsBetter: null },
  );
  for (const net of metrics.featureNetworks) {
    cols.push(
      { header: `${net.name} Bu vs real Au`, get: (v) => v.frechet[net.name]?.bu, format: fixed(2), higherIsBetter: false },
      { header: `${net.name} A0 vs real B0`, get: (v) => v.frechet[net.name]?.a0, format: fixed(2), higherIsBetter: false },
    );
  }
  return cols;
}

/** Columns with no value in any row are left out. */
function present(metrics: EvalMetrics, cols: Column[]): Column[] {
  return cols.filter((c) => metrics.variants.some((v) => isNum(c.get(v))));
}

function isNum(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function metricTable(metrics: EvalMetrics, cols: Column[]): string {
  if (cols.length === 0) return '';
  const best = cols.map((c) => {
    const values = metrics.variants.map((v) => c.get(v)).filter(isNum);
    if (values.length < 2 || c.higherIsBetter === null) return null;
    return c.higherIsBetter ? Math.max(...values) : Math.min(...values);
  });
  const head = `<tr><th>Generator</th><th>Weights</th>${cols.map((c) => `<th>${escape(c.header)}</th>`).join('')}</tr>`;
  const rows = metrics.variants.map((v) => {
    const bits = v.quantization ? `${v.quantization.method} ${v.quantization.wbits}-bit${v.quantization.abits < 32 ? `, A${v.quantization.abits}` : ''}` : 'float32';
    const cells = cols.map((c, i) => {
      const x = c.get(v);
      if (!isNum(x)) return '<td class="na">—</td>';
      return `<td${x === best[i] ? ' class="best"' : ''}>${c.format(x)}</td>`;
    });
    return `<tr class="${v.source}"><td>${escape(v.label)}</td><td>${escape(bits)}</td>${cells.join('')}</tr>`;
  });
  return `<table>${head}${rows.join('')}</table>`;
}

function figures(images: ReportImage[], zoom: number): string {
  return images
    .map((img) => `<div class="figure"><h3>${escape(img.title)}</h3><img src="${img.dataUrl}" alt="${escape(img.title)}" style="zoom:${zoom}"><div class="caption">${escape(img.caption)}</div></div>`)
    .join('\n');
}

function judgesSection(metrics: EvalMetrics): string {
  const items: string[] = [];
  const a = metrics.classifiers.attribute;
  if (a) {
    const held = a.heldOutAccuracy === null ? 'not recorded' : pct(a.heldOutAccuracy);
    items.push(`Attribute classifier <code>${escape(a.dir)}</code>: held-out accuracy ${held}; on these real test images it judges ${pct(a.realAccuracy.au)} of Au "with" and ${pct(a.realAccuracy.b0)} of B0 "without".`);
  }
  const f = metrics.classifiers.factors;
  if (f) {
    const real = Object.entries(f.realAccuracy).map(([k, x]) => `${escape(k)} ${pct(x)}`).join(', ');
    items.push(`Factors classifier <code>${escape(f.dir)}</code>: accuracy on the real exemplars Au ${real} (the ceiling of exemplar fidelity).`);
  }
  for (const n of metrics.featureNetworks) items.push(`${escape(n.name)}: Fréchet distance on ${escape(n.description)} (${n.dim}-d; ${metrics.data.pairs} images per side).`);
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

/** Heads with more values than with/without (e.g. glasses_type): where Bu's reading goes wrong. */
const MIN_CONFUSION_LABELS = 3;

/**
 * One table per many-valued factor head and per trained model (not the PTQ / recalibrated rows):
 * rows the exemplar's true value, columns the value the judge reads on Bu, diagonal = fidelity.
 */
function confusionSection(metrics: EvalMetrics): string {
  const tables: string[] = [];
  for (const v of metrics.variants.filter((x) => x.source === 'model')) {
    for (const [name, c] of Object.entries(v.fidelity?.confusion ?? {})) {
      if (c.labels.length < MIN_CONFUSION_LABELS) continue;
      tables.push(`<h3>${escape(v.label)}: ${escape(name)}</h3>${confusionTable(c.labels, c.counts)}`);
    }
  }
  if (tables.length === 0) return '';
  return `<h2>Exemplar fidelity by factor value</h2>
<p class="caption">Rows: the exemplar Au's true value; columns: the value the factors classifier reads on Bu; counts of pairs. The diagonal (green) is the fidelity column above; the last column is that share per row.</p>
${tables.join('\n')}`;
}

function confusionTable(labels: readonly string[], counts: number[][]): string {
  const head = `<tr><th>Exemplar ↓ Bu →</th>${labels.map((l) => `<th>${escape(l)}</th>`).join('')}<th>Right</th></tr>`;
  const rows = counts.map((r, t) => {
    const total = r.reduce((a, b) => a + b, 0);
    const cells = r.map((x, p) => `<td${p === t ? ' class="best"' : ''}>${x}</td>`).join('');
    return `<tr><td>${escape(labels[t])}</td>${cells}<td>${total > 0 ? pct(r[t] / total) : '—'}</td></tr>`;
  });
  return `<table>${head}${rows.join('')}</table>`;
}

/**
 * Synthetic sets: each generator's Bu and A0 against the true ones drawn from the factors, for
 * both composites, at the model's size and at the larger render; best PSNR/SSIM per size in green.
 */
function counterfactualSection(metrics: EvalMetrics, images: ReportImage[]): string {
  const scored = metrics.variants.filter((v) => v.counterfactual);
  if (scored.length === 0) return '';
  const first = scored[0].counterfactual as NonNullable<VariantMetrics['counterfactual']>;
  type Row = (typeof first.rows)[number];
  const columns: Array<{ header: string; get: (r: Row) => number | undefined; format: (x: number) => string; best: boolean }> = [
    { header: 'Bu PSNR (dB)', get: (r) => r.bu.psnr.mean, format: fixed(2), best: true },
    { header: 'Bu SSIM', get: (r) => r.bu.ssim.mean, format: fixed(3), best: true },
    { header: 'A0 PSNR (dB)', get: (r) => r.a0.psnr.mean, format: fixed(2), best: true },
    { header: 'A0 SSIM', get: (r) => r.a0.ssim.mean, format: fixed(3), best: true },
    { header: 'Bu judged with', get: (r) => r.transfer?.buWith, format: pct, best: false },
    { header: 'A0 judged without', get: (r) => r.transfer?.a0Without, format: pct, best: false },
  ];
  const all = scored.flatMap((v) => (v.counterfactual?.rows ?? []).map((r) => ({ v, r })));
  const best = (size: number, c: (typeof columns)[number]) => Math.max(...all.filter((x) => x.r.size === size).map((x) => c.get(x.r)).filter(isNum));
  const head = `<tr><th>Generator</th><th>Composite</th><th>Size</th>${columns.map((c) => `<th>${escape(c.header)}</th>`).join('')}</tr>`;
  const rows = all.map(({ v, r }) => {
    const cells = columns.map((c) => {
      const x = c.get(r);
      if (!isNum(x)) return '<td class="na">—</td>';
      return `<td${c.best && x === best(r.size, c) ? ' class="best"' : ''}>${c.format(x)}</td>`;
    });
    return `<tr class="${v.source}"><td>${escape(v.label)}</td><td>${escape(r.composite)}</td><td>${r.size} px</td>${cells.join('')}</tr>`;
  });
  const m = first.changeMask;
  const big = first.modelSize * first.scale;
  return `<h2>Counterfactual truths</h2>
<table>${head}${rows.join('')}</table>
${figures(images, 0.5)}
<p class="caption">Generated Bu and A0 against the true ones: the same synthetic faces drawn again from factors.csv with the attribute moved (Bu: B with A's ${escape(metrics.data.attribute)} factors; A0: A without them). ${first.modelSize} px: the data set's own images are the inputs. ${big} px: A and B drawn at ${big} px, brought to ${first.modelSize} px for the model; <b>residual</b> adds the generator's change (output minus the input's reconstruction, where the change mask lets it through: sigma ${m.sigma}, low ${m.low}, high ${m.high}, feather ${m.feather}) to the ${big} px input, <b>replace</b> is the generated image upsampled (bilinear). Transfer: the attribute classifier reads each result brought to ${first.modelSize} px. Best PSNR/SSIM per size in green.</p>`;
}

/** The self-contained report page: inline CSS, every picture a JPEG data URL, no scripts. */
export function renderReportHtml(metrics: EvalMetrics, sections: ReportSections): string {
  const d = metrics.data;
  const zoom = REPORT_DEFAULTS.zoom;
  const notes = metrics.notes.length ? `<h2>Notes</h2><ul class="notes">${metrics.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GeneGAN evaluation: ${escape(d.attribute)}</title><style>${REPORT_CSS}</style></head>
<body>
<h1>GeneGAN evaluation — ${escape(d.attribute)}</h1>
<p class="meta">${escape(d.dir)} (${escape(d.layout)} layout), ${escape(d.split)} split, ${d.pairs} pairs at ${d.imageSize} px${d.skipped ? `, ${d.skipped} unreadable images skipped` : ''}; backend ${escape(metrics.backend)}; ${escape(metrics.createdAt)}; ${metrics.seconds.toFixed(0)} s.</p>
<h2>Metrics</h2>
${metricTable(metrics, present(metrics, coreColumns()))}
${metricTable(metrics, present(metrics, detailColumns(metrics)))}
<p class="caption">Best value per column in green. Transfer: share of Bu the attribute classifier judges "with" and of A0 it judges "without". Reconstruction: Au' = Dec(A, x), B0' = Dec(B, 0). Fidelity: Bu shows the same factor as its exemplar Au (factors classifier). Change outside mask: mean absolute pixel change outside the attribute's region (lower keeps more of the person); B0' vs B0 is the reconstruction floor. Fréchet distances: lower is closer to the real set. Anchors from the literature (other data, 128 px): STGAN reconstruction 31.7 dB / 0.948 on CelebA; a GeneGAN PyTorch port reports FID about 16 (Bu) / 14 (A0) for Smiling.</p>
${counterfactualSection(metrics, sections.counterfactuals ?? [])}
${confusionSection(metrics)}
<h2>Judges</h2>
${judgesSection(metrics)}
${notes}
<h2>Swap examples</h2>
${figures(sections.swaps, zoom)}
${figures(sections.comparisons, zoom)}
<h2>Strength ramps</h2>
${figures(sections.ramps, zoom)}
<h2>Attribute subspace: 4-exemplar matrix</h2>
${figures(sections.matrix, zoom)}
</body></html>
`;
}

/** Inline CSS of report.html (self-contained: no external sheets, fonts or scripts). */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px 32px; color: #1d2430; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d8dde6; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 4px; }
.meta { color: #586174; margin: 0 0 12px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d8dde6; padding: 4px 8px; text-align: right; white-space: nowrap; }
th { background: #f2f4f8; font-weight: 600; text-align: center; white-space: normal; min-width: 4.5em; max-width: 8.5em; }
td:first-child, th:first-child { text-align: left; }
tr.ptq td:first-child, tr.recalibrated td:first-child { padding-left: 20px; }
td.best { font-weight: 700; background: #eaf6ec; }
td.na { color: #9aa3b2; }
.figure { display: inline-block; vertical-align: top; margin: 6px 18px 12px 0; }
.figure img { image-rendering: pixelated; display: block; border: 1px solid #d8dde6; }
.caption { color: #586174; font-size: 12px; max-width: 720px; }
ul.notes { color: #586174; }
code { background: #f2f4f8; padding: 0 3px; border-radius: 3px; }
`;
