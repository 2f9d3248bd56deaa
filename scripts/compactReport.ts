/**
 * Shrinks a committed evaluation report (docs/reports/<attr>/report.html): re-encodes its inline
 * PNG pictures as JPEG (quality 90), which keeps the 64 px grids readable at a fraction of the
 * size (generated faces are noisy, so PNG compresses them poorly). metrics.json is untouched.
 *   node --import tsx scripts/compactReport.ts docs/reports/smiling/report.html [...]
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

const JPEG_QUALITY = 90;
const INLINE_PNG = /data:image\/png;base64,([A-Za-z0-9+/=]+)/g;

async function toJpeg(base64: string): Promise<string> {
  const jpeg = await sharp(Buffer.from(base64, 'base64')).flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

for (const file of process.argv.slice(2)) {
  const html = await readFile(file, 'utf8');
  const pngs = [...html.matchAll(INLINE_PNG)].map((m) => m[1]);
  if (pngs.length === 0) {
    process.stdout.write(`${file}: no inline PNG pictures, left as is\n`);
    continue;
  }
  const jpegs = await Promise.all(pngs.map(toJpeg));
  let i = 0;
  const out = html.replace(INLINE_PNG, () => jpegs[i++]);
  await writeFile(file, out);
  process.stdout.write(`${file}: ${pngs.length} pictures, ${html.length} -> ${out.length} bytes\n`);
}
