/**
 * Prints the markdown tables of docs/bundled-models.md from the committed evaluation reports, so
 * the numbers in the docs are the reports' numbers, not transcriptions:
 *   node --import tsx scripts/bundledTables.ts docs/reports/eyeglasses docs/reports/smiling [...]
 * Rows: every variant of metrics.json (docs/eval.md keys), in report order.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalMetrics } from '../src/eval/types.ts';

type Variant = EvalMetrics['variants'][number];

const pct = (x: number | undefined) => (x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const db = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));

function weights(v: Variant): string {
  const q = v.quantization;
  if (q === null) return 'float32';
  return `${q.method} w${q.wbits} ${q.abits >= 32 ? 'a-float' : `a${q.abits}`}`;
}

function row(v: Variant): string {
  const t = v.transfer;
  const r = v.reconstruction;
  const f = v.fidelity;
  const shares = (m: Record<string, number>) => Object.values(m).map((x) => (100 * x).toFixed(1)).join(' / ');
  const ceiling = f?.reconstructionPerFactor === undefined ? '' : ` (Au' ${shares(f.reconstructionPerFactor)})`;
  const fid = f === null ? '-' : `${shares(f.perFactor)} / ${pct(f.all)}${ceiling}`;
  const p = v.preservation;
  const pres = p === null ? '-' : `${(255 * p.buVsB0.mean).toFixed(1)} (${(255 * p.b0RecVsB0.mean).toFixed(1)})`;
  const fd = v.frechet?.['FD-faceres'];
  const fdText = fd === undefined ? '-' : `${fd.bu.toFixed(1)} / ${fd.a0.toFixed(1)}`;
  return `| ${v.label} | ${weights(v)} | ${pct(t?.buWith)} | ${pct(t?.a0Without)} | ${db(r.auPsnr.mean)} (${db(r.b0Psnr.mean)}) | ${r.auSsim.mean.toFixed(3)} | ${fid} | ${pres} | ${fdText} | ${Math.round(v.weightBytes / 1024)} KiB |`;
}

for (const dir of process.argv.slice(2)) {
  const m = JSON.parse(await readFile(path.join(dir, 'metrics.json'), 'utf8')) as EvalMetrics;
  const factors = m.variants.find((v) => v.fidelity !== null)?.fidelity;
  const fidHead = factors ? `fidelity ${Object.keys(factors.perFactor).join(' / ')} / all (the same judged on Au')` : 'fidelity';
  process.stdout.write(`\n${dir}: ${m.data.attribute}, ${m.data.pairs} pairs of ${m.data.dir} (${m.data.split}), ${Math.round(m.seconds)} s\n\n`);
  process.stdout.write(`| generator | weights | Bu with | A0 without | PSNR Au' (B0') dB | SSIM Au' | ${fidHead} | preservation Bu vs B0, 0-255 (floor) | FD-faceres Bu / A0 | size |\n`);
  process.stdout.write(`|${' --- |'.repeat(10)}\n`);
  for (const v of m.variants) process.stdout.write(`${row(v)}\n`);
}
