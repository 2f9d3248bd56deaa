/**
 * Face pipeline benchmark (docs/face.md "Speed"; target: 200 ms or less per 2 MP photo on wasm).
 *   npm run bench:face [-- --rounds 5 --megapixels 2]
 *   GENEGAN_BACKEND=cpu npm run bench:face -- --rounds 1     (the pure-JS backend, for comparison)
 * The six face-api demo photos (22 faces) are resized to ~2 MP and re-encoded as JPEG q90, then each
 * photo goes through the whole path: decode (sharp, EXIF) -> detect (BlazeFace + FaceMesh) -> align
 * every face at 64 px. Stages are timed separately and end to end (pipeline.align); medians over
 * rounds after one warm-up round. Times are wall-clock on a shared machine: compare within one run.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { tf } from '../src/backend/tf.ts';
import { selectBackend, describeBackend } from '../src/backend/selectBackend.ts';
import { createFacePipeline } from '../src/face/createFacePipeline.ts';
import { decodePhoto } from '../src/face/decodePhoto.ts';
import { loadFaceMesh } from '../src/face/faceMesh.ts';
import { detectFacesInPhoto } from '../src/face/detectFacesInPhoto.ts';
import { alignFace } from '../src/face/alignFace.ts';

const TARGET_MS = 200;
const ALIGN_SIZE = 64;
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, megapixels: { type: 'string', default: '2' } } });
const rounds = Number(values.rounds);
const megapixels = Number(values.megapixels);

process.env.GENEGAN_BACKEND ??= 'wasm';
const backend = await selectBackend({ log: () => {} });
console.log(describeBackend(backend));

const require = createRequire(import.meta.url);
const demo = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

/** sampleN.jpg scaled so width*height is about `megapixels` million, as JPEG q90. */
async function samplePhoto(n: number): Promise<{ name: string; bytes: Buffer; width: number; height: number }> {
  const file = path.join(demo, `sample${n}.jpg`);
  const meta = await sharp(file).metadata();
  const scale = Math.sqrt((megapixels * 1e6) / (meta.width! * meta.height!));
  const width = Math.round(meta.width! * scale);
  const bytes = await sharp(readFileSync(file)).resize(width).jpeg({ quality: 90 }).toBuffer();
  const out = await sharp(bytes).metadata();
  return { name: `sample${n}`, bytes, width: out.width!, height: out.height! };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const photos = await Promise.all([1, 2, 3, 4, 5, 6].map(samplePhoto));
const mesh = await loadFaceMesh({ maxFaces: 21 });
const pipeline = await createFacePipeline();

type Row = { decode: number[]; detect: number[]; align: number[]; total: number[]; pipeline: number[]; faces: number };
const rows = new Map<string, Row>(photos.map((p) => [p.name, { decode: [], detect: [], align: [], total: [], pipeline: [], faces: 0 }]));

async function timeStages(p: (typeof photos)[number], row: Row, record: boolean): Promise<void> {
  const t0 = performance.now();
  const photo = await decodePhoto(p.bytes);
  const t1 = performance.now();
  const faces = await detectFacesInPhoto(mesh, photo);
  const t2 = performance.now();
  for (const f of faces) alignFace(photo, f.points, { size: ALIGN_SIZE });
  const t3 = performance.now();
  const e2e = (await pipeline.align(p.bytes, { size: ALIGN_SIZE, face: 'all' }).then(() => performance.now())) - t3;
  if (!record) return;
  row.decode.push(t1 - t0);
  row.detect.push(t2 - t1);
  row.align.push(t3 - t2);
  row.total.push(t3 - t0);
  row.pipeline.push(e2e);
  row.faces = faces.length;
}

const tensors = tf.memory().numTensors;
for (let r = 0; r <= rounds; r++) {
  for (const p of photos) await timeStages(p, rows.get(p.name)!, r > 0);
}

console.log(`\n${rounds} rounds after 1 warm-up; medians in ms; align = all faces at ${ALIGN_SIZE} px\n`);
console.log('| photo | size | faces | decode | detect + landmarks | align | total | pipeline.align |\n|---|---|---|---|---|---|---|---|');
const all: Record<'total' | 'pipeline', number[]> = { total: [], pipeline: [] };
for (const p of photos) {
  const r = rows.get(p.name)!;
  all.total.push(...r.total);
  all.pipeline.push(...r.pipeline);
  const m = (xs: number[]) => median(xs).toFixed(0);
  console.log(`| ${p.name} | ${p.width}x${p.height} | ${r.faces} | ${m(r.decode)} | ${m(r.detect)} | ${m(r.align)} | ${m(r.total)} | ${m(r.pipeline)} |`);
}
const overall = median(all.pipeline);
console.log(`\nmedian per photo: stages ${median(all.total).toFixed(0)} ms, pipeline.align ${overall.toFixed(0)} ms (target ${TARGET_MS} ms: ${overall <= TARGET_MS ? 'met' : 'NOT met'})`);
console.log(`tensors after ${rounds + 1} rounds: ${tf.memory().numTensors - tensors} more than at the start; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
mesh.dispose();
pipeline.dispose();
