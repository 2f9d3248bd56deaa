import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReportHtml } from './renderReportHtml.ts';
import type { EvalMetrics, Stat, VariantMetrics } from './types.ts';

const stat = (mean: number): Stat => ({ mean, std: 0, n: 10 });

function row(label: string, psnrAu: number, buWith: number, source: 'model' | 'ptq' = 'model'): VariantMetrics {
  return {
    label, source, modelDir: 'm', quantization: source === 'ptq' ? { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true } : null,
    transfer: { buWith, a0Without: 0.5, mean: (buWith + 0.5) / 2, pairs: 10 },
    reconstruction: { auPsnr: stat(psnrAu), auSsim: stat(0.9), b0Psnr: stat(NaN), b0Ssim: stat(0.8) },
    fidelity: null, preservation: null, frechet: { 'FD-attrclf': { bu: 3, a0: 4 } }, weightBytes: 2048, seconds: 1,
  };
}

const metrics: EvalMetrics = {
  formatVersion: 1, createdAt: '2026-01-01T00:00:00Z', backend: 'wasm',
  data: { dir: 'data/<x>', layout: 'synthetic', attribute: 'Eye<glasses>', split: 'test', pairs: 10, imageSize: 64, skipped: 0 },
  classifiers: { attribute: null, factors: null },
  featureNetworks: [{ name: 'FD-attrclf', dim: 64, description: 'features' }],
  notes: ['no masks'],
  variants: [row('float <model>', 30.123, 0.8), row('PTQ balanced 4-bit', 28, 0.9, 'ptq')],
  seconds: 12,
};

const empty = { swaps: [], comparisons: [], ramps: [], matrix: [] };

test('renderReportHtml: table values, best per column, missing values, escaping', () => {
  const html = renderReportHtml(metrics, empty);
  assert.match(html, /<td class="best">30\.12<\/td>/, 'higher PSNR is best');
  assert.match(html, /<td class="best">90\.0%<\/td>/, 'higher transfer is best');
  assert.match(html, /<td>80\.0%<\/td>/);
  assert.match(html, /float &lt;model&gt;/);
  assert.match(html, /Eye&lt;glasses&gt;/);
  assert.doesNotMatch(html, /<model>|<glasses>/);
  assert.match(html, /balanced 4-bit/);
  assert.doesNotMatch(html, /PSNR B0'/, 'a column with no value in any row is left out');
  assert.match(html, /<li>no masks<\/li>/);
  assert.match(html, /Weight files \(KiB\)/);
});

test('renderReportHtml: figures are inline data URLs with captions', () => {
  const img = { title: 'Swap: m', caption: 'columns: Au, B0', dataUrl: 'data:image/png;base64,AAAA' };
  const html = renderReportHtml(metrics, { ...empty, swaps: [img] });
  assert.match(html, /<img src="data:image\/png;base64,AAAA" alt="Swap: m"/);
  assert.match(html, /columns: Au, B0/);
});

test('renderReportHtml: a confusion table per many-valued factor of each trained model, none for 2-valued ones or PTQ rows', () => {
  const fidelity = (counts: number[][]): VariantMetrics['fidelity'] => ({
    perFactor: { glasses_type: 0.5, glasses_tint: 1 }, all: 0.5, pairs: 6,
    confusion: { glasses_type: { labels: ['round', 'oval', 'cat<eye>'], counts }, glasses_tint: { labels: ['clear', 'tinted'], counts: [[3, 0], [0, 3]] } },
  });
  const model = { ...row('wide', 27, 0.9), fidelity: fidelity([[2, 0, 0], [2, 1, 0], [0, 0, 0]]) };
  const ptq = { ...row('PTQ balanced 4-bit', 26, 0.9, 'ptq'), fidelity: fidelity([[0, 2, 0], [0, 3, 0], [0, 0, 0]]) };
  const html = renderReportHtml({ ...metrics, variants: [model, ptq] }, empty);
  assert.match(html, /<h2>Exemplar fidelity by factor value<\/h2>/);
  assert.equal(html.match(/<h3>[^<]*glasses_type<\/h3>/g)?.length, 1, 'the trained model only');
  assert.doesNotMatch(html, /<h3>[^<]*glasses_tint<\/h3>/, 'two-valued heads have no table');
  assert.match(html, /<td>round<\/td><td class="best">2<\/td><td>0<\/td><td>0<\/td><td>100\.0%<\/td>/);
  assert.match(html, /<td>oval<\/td><td>2<\/td><td class="best">1<\/td><td>0<\/td><td>33\.3%<\/td>/);
  assert.match(html, /<td>cat&lt;eye&gt;<\/td><td>0<\/td><td>0<\/td><td class="best">0<\/td><td>—<\/td>/, 'no exemplar of that value');
  assert.doesNotMatch(renderReportHtml(metrics, empty), /Exemplar fidelity by factor value/, 'absent without fidelity');
});

test('renderReportHtml: the counterfactual table, composite x size, best PSNR per size', () => {
  const s = (mean: number): Stat => ({ mean, std: 0, n: 10 });
  const cfRow = (composite: 'residual' | 'replace', size: number, buPsnr: number) => ({
    composite, size, bu: { psnr: s(buPsnr), ssim: s(0.8) }, a0: { psnr: s(buPsnr + 1), ssim: s(0.7) },
    transfer: { buWith: 0.95, a0Without: 0.9, mean: 0.925, pairs: 10 },
  });
  const counterfactual = {
    modelSize: 64, scale: 4, changeMask: { sigma: 1, low: 0.04, high: 0.12, feather: 1 },
    rows: [cfRow('residual', 64, 27), cfRow('replace', 64, 28), cfRow('residual', 256, 30.5), cfRow('replace', 256, 24)],
  };
  const html = renderReportHtml({ ...metrics, variants: [{ ...row('m', 27, 0.9), counterfactual }] }, empty);
  assert.match(html, /<h2>Counterfactual truths<\/h2>/);
  assert.match(html, /<td>residual<\/td><td>256 px<\/td><td class="best">30\.50<\/td>/);
  assert.match(html, /<td>replace<\/td><td>256 px<\/td><td>24\.00<\/td>/);
  assert.match(html, /<td>replace<\/td><td>64 px<\/td><td class="best">28\.00<\/td>/);
  assert.match(html, /<td>95\.0%<\/td><td>90\.0%<\/td>/);
  assert.match(html, /sigma 1, low 0\.04, high 0\.12, feather 1/);
  assert.doesNotMatch(renderReportHtml(metrics, empty), /Counterfactual truths/, 'absent without counterfactuals');
});
