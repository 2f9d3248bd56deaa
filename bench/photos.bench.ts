/**
 * Real-photo evaluation over every photo the installed packages ship (docs/eval.md "Real photos").
 *   node --import tsx bench/photos.bench.ts [--out DIR] [--sheet FILE]
 * 1. every shipped photo (src/eval/photos/shippedPhotos.ts), cyclic pairs, the three bundled models;
 * 2. eyeglasses64 with one exemplar in dark sunglasses for every face (the eye band must darken);
 * 3. eyeglasses64 with one exemplar without glasses (the face must stay as it was).
 * Prints the medians tables docs/eval.md quotes; reports and contact sheets go to --out (default a
 * temporary folder); --sheet writes a small 256-colour contact sheet of run 2 for the docs.
 */
import { copyFile, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COMPOSITE_MODES } from '../src/face/composite.ts';
import { runPhotoEvaluation } from '../src/eval/photos/runPhotoEvaluation.ts';
import { writeShippedPhotos } from '../src/eval/photos/shippedPhotos.ts';
import { mediansTable, medianScores } from '../src/eval/photos/photoReport.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODELS = ['eyeglasses64', 'smiling64', 'sidelit64'].map((m) => path.join(root, 'models', m));
const GLASSES = MODELS[0];
/** Faces of the docs' contact sheet: two group photos, the face-id webcam face, a thumbnail. */
const SHEET_PHOTOS = ['face-api-sample3.jpg', 'face-api-sample6.jpg', 'human-faceid.jpg', 'human-facedetect-3.png'];

const { values } = parseArgs({ options: { out: { type: 'string' }, sheet: { type: 'string' } } });
const out = values.out ?? (await mkdtemp(path.join(tmpdir(), 'genegan-photos-bench-')));
const shipped = await writeShippedPhotos(path.join(out, 'shipped', 'photos'));
const progress = (label: string) => (p: { done: number; total: number; message: string }) => {
  if (p.done % 20 === 0) process.stderr.write(`${label}: ${p.message} (${p.done + 1}/${p.total})\n`);
};

const cyclic = await runPhotoEvaluation({ models: MODELS, photos: shipped.dir, out: path.join(out, 'cyclic') }, progress('cyclic'));
const dark = await runPhotoEvaluation({ models: [GLASSES], photos: shipped.dir, exemplar: shipped.darkGlasses, out: path.join(out, 'dark-glasses') }, progress('dark glasses'));
const plain = await runPhotoEvaluation({ models: [GLASSES], photos: shipped.dir, exemplar: shipped.noGlasses, out: path.join(out, 'no-glasses') }, progress('no glasses'));

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`\n${shipped.files.length} photos written, ${cyclic.skipped.length} not usable: ${cyclic.skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`);
console.log(`\n### Cyclic pairs (each photo's largest face with the next photo's), ${cyclic.seconds} s\n`);
console.log(mediansTable(cyclic.models));
console.log(`median cosine between B and A (different people): ${cyclic.models.map((m) => `${m.label} ${m.medianDifferentPeople.toFixed(3)}`).join(', ')}`);
// The 1920 px group photos and the ~100-150 px thumbnails differ most in how much of the picture a face is.
for (const [name, pick] of [['face-api group photos', (p: string) => p.startsWith('face-api-')], ['human thumbnails and tiles', (p: string) => !p.startsWith('face-api-')]] as const) {
  console.log(`\n${name}:\n`);
  console.log(mediansTable(cyclic.models.map((m) => ({ ...m, rows: m.rows.filter((r) => pick(r.photo)), medians: medianScores(m.rows.filter((r) => pick(r.photo))) }))));
}
console.log('\n### eyeglasses64, one exemplar for every face\n');
console.log('| exemplar | composite | faces | eye band darker | lower face dB | face dB | identity | sharpness | changed |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, run] of [['dark sunglasses', dark], ['no glasses', plain]] as const) {
  const m = run.models[0];
  for (const mode of COMPOSITE_MODES) {
    const s = m.medians[mode];
    console.log(`| ${name} | ${mode} | ${m.rows.length} | ${pct(s.eyeBandDarkening)} | ${s.lowerFacePsnr.toFixed(1)} | ${s.facePsnr.toFixed(1)} | ${s.identity.toFixed(3)} | ${s.sharpness.toFixed(2)} | ${pct(s.changedShare)} |`);
  }
}
const shareAbove = (xs: number[], bar: number) => `${xs.filter((x) => x >= bar).length}/${xs.length}`;
const rowsOf = (run: typeof dark) => run.models[0].rows.map((r) => r.scores.residual);
console.log(`\nresidual faces meeting the bars: dark sunglasses eye band >= 15% ${shareAbove(rowsOf(dark).map((s) => s.eyeBandDarkening), 0.15)}, lower face >= 28 dB ${shareAbove(rowsOf(dark).map((s) => s.lowerFacePsnr), 28)}; no glasses face >= 30 dB ${shareAbove(rowsOf(plain).map((s) => s.facePsnr), 30)}`);
console.log(`reports: ${out}/{cyclic,dark-glasses,no-glasses}/photos.md`);

if (values.sheet) {
  const few = path.join(out, 'sheet-photos');
  await mkdir(few, { recursive: true });
  for (const name of SHEET_PHOTOS) await symlink(path.join(shipped.dir, name), path.join(few, name)).catch(() => undefined);
  const run = await runPhotoEvaluation({ models: [GLASSES], photos: few, exemplar: shipped.darkGlasses, out: path.join(out, 'sheet'), palette: true });
  await copyFile(path.join(out, 'sheet', run.models[0].contactSheet!), values.sheet);
  console.log(`wrote ${values.sheet} (rows: ${run.models[0].rows.map((r) => r.photo).join(', ')})`);
}
