import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMPOSITE_MODES, type CompositeMode } from '../../face/composite.ts';
import { CHANGED_LEVELS, FACE_REGIONS } from './constants.ts';
import type { FaceScores } from './scoreFace.ts';
import type { PhotoFaceRow, PhotoMetrics, PhotoModelResult } from './types.ts';

const SCORE_KEYS = ['identity', 'sharpness', 'changedShare', 'eyeBandDarkening', 'lowerFacePsnr', 'facePsnr'] as const satisfies readonly (keyof FaceScores)[];

/** Median of a list (mean of the middle two for even lengths); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per composite, the median over the rows of every score. */
export function medianScores(rows: readonly PhotoFaceRow[]): Record<CompositeMode, FaceScores> {
  const of = (mode: CompositeMode) => Object.fromEntries(SCORE_KEYS.map((k) => [k, median(rows.map((r) => r.scores[mode][k]))])) as unknown as FaceScores;
  return Object.fromEntries(COMPOSITE_MODES.map((m) => [m, of(m)])) as Record<CompositeMode, FaceScores>;
}

const rect = (r: { x0: number; x1: number; y0: number; y1: number }) => `x ${r.x0}..${r.x1}, y ${r.y0}..${r.y1}`;

/** What each number means, written into photos.json so the file explains itself. */
export const PHOTO_DEFINITIONS: Record<string, string> = {
  regions: `aligned-face fractions (eyes at y 0.51, mouth at y 0.74 of the aligned square), mapped into the photo: face ${rect(FACE_REGIONS.face)}; eye band ${rect(FACE_REGIONS.eyeBand)}; lower face ${rect(FACE_REGIONS.lowerFace)}`,
  identity: 'cosine similarity of faceres (@vladmandic/human) descriptors of input and output face, both cropped from the photo as Human does (FaceMesh box x1.4, square, upright, 192 px, then 224 px)',
  sharpness: 'variance of the 4-neighbour Laplacian of luma over the face region, output / input',
  changedShare: `share of all photo pixels where some channel differs by more than ${CHANGED_LEVELS} levels`,
  eyeBandDarkening: '1 - mean luma of the eye band, output / input (0.15 = 15% darker)',
  lowerFacePsnr: 'PSNR (dB, peak 255, RGB) of the lower face region, output vs input',
  facePsnr: 'PSNR (dB, peak 255, RGB) of the face region, output vs input',
  differentPeople: 'cosine similarity of the input descriptors of B and its exemplar A: the scale of "another person"',
};

/** Writes photos.json and photos.md (the contact sheets are already in the folder). */
export async function writePhotoReport(out: string, metrics: PhotoMetrics): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'photos.json'), JSON.stringify(metrics, null, 2) + '\n');
  await writeFile(path.join(out, 'photos.md'), photoReportMarkdown(metrics));
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '-');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-');
const db = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/** One table row of scores: identity, sharpness, changed, eye band, lower face, face. */
function cells(s: FaceScores): string[] {
  return [f3(s.identity), f2(s.sharpness), pct(s.changedShare), pct(s.eyeBandDarkening), db(s.lowerFacePsnr), db(s.facePsnr)];
}

const HEAD = '| identity | sharpness | changed | eye band darker | lower face dB | face dB |';

/** The medians, model x composite, as a Markdown table (also printed by the CLI). */
export function mediansTable(models: readonly PhotoModelResult[]): string {
  const lines = [`| model | composite | faces ${HEAD}`, '|---|---|---|---|---|---|---|---|---|'];
  for (const m of models) {
    for (const mode of COMPOSITE_MODES) lines.push(`| ${m.label} | ${mode} | ${m.rows.length} | ${cells(m.medians[mode]).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

/** photos.md: what was run, the medians, the definitions, and every face of every model. */
export function photoReportMarkdown(m: PhotoMetrics): string {
  const out: string[] = ['# Real photos: residual vs replace', ''];
  const pairing = m.pairing === 'exemplar' ? `every photo's largest face as B, exemplar A = ${path.basename(m.exemplar ?? '')}` : "every photo's largest face as B, the next photo's largest face as exemplar A (cyclic)";
  out.push(`Photos: \`${m.photos}\`; swap; ${pairing}; ${m.seconds} s.`, '', '## Medians over faces', '', mediansTable(m.models));
  for (const model of m.models) out.push(`${model.label}: median cosine between B and A (different people) ${f3(model.medianDifferentPeople)}.`);
  out.push('', '## Definitions', '');
  for (const [k, v] of Object.entries(m.definitions)) out.push(`- **${k}**: ${v}`);
  for (const model of m.models) {
    out.push('', `## ${model.label} (${model.attribute ?? 'no attribute'}, ${model.imageSize} px)`, '');
    if (model.contactSheet) out.push(`![contact sheet](${model.contactSheet})`, '', 'Columns: exemplar A | input B | replace | residual.', '');
    out.push(`| B | face | px | A | A~B | replace: ${HEAD.slice(2)} residual: ${HEAD.slice(2)}`, `|${'---|'.repeat(17)}`);
    for (const r of model.rows) {
      out.push(`| ${r.photo} | ${r.face.index + 1}/${r.face.count} | ${r.nativeSide} | ${r.exemplar} | ${f2(r.differentPeople)} | ${cells(r.scores.replace).join(' | ')} | ${cells(r.scores.residual).join(' | ')} |`);
    }
    for (const s of model.skipped) out.push(`- skipped ${s.name}: ${s.reason}`);
  }
  if (m.skipped.length > 0) out.push('', '## Photos not used', '', ...m.skipped.map((s) => `- ${s.name}: ${s.reason}`));
  return out.join('\n') + '\n';
}
