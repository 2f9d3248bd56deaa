import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);

/**
 * Every real photo the installed packages ship, brought into one folder for `eval --photos`:
 * - @vladmandic/face-api demo/sample1..6.jpg: group photos, 1920 px wide, used whole;
 * - @vladmandic/human assets/screenshot-faceid.jpg: one clean webcam face, used whole;
 * - screenshot-facedetect.jpg: its five face thumbnails, cut out one by one;
 * - screenshot-facematch.jpg: its grid of 18 x 6 face tiles of ~107 px, cut out one by one (whole,
 *   FaceMesh would stop at 20 faces and the largest face would always be the same tile).
 * Left out, because drawn overlays cover the faces or there is no real face: human's samples.jpg
 * (annotated group photo, ~20 px thumbnails), screenshot-vrm.jpg (rendered avatar, annotated
 * webcam inset), face-api's screenshot-images.png and screenshot-webcam.png (annotated), and the
 * mesh diagrams. Both packages are MIT licensed; nothing is downloaded.
 */
export interface ShippedPhotos {
  /** Folder holding the photos and tiles. */
  dir: string;
  files: string[];
  /** A man in dark sunglasses (facematch tile row 3, column 1), written outside `dir`. */
  darkGlasses: string;
  /** A man without glasses (screenshot-faceid.jpg's face), written outside `dir`. */
  noGlasses: string;
}

/** The facematch grid: tile tops (px) and the tile pitch across, measured on the 1920x954 image. */
const FACEMATCH_GRID = { rows: [282, 394, 506, 618, 730, 842], columns: 18, pitch: 1920 / 18, side: 106 } as const;

/** The five thumbnails of screenshot-facedetect.jpg (800x718): [left, right] and the shared rows. */
const FACEDETECT_TILES = { columns: [[6, 158], [163, 317], [320, 474], [477, 631], [630, 792]], top: 344, bottom: 497 } as const;

/**
 * Writes the shipped photos into `dir` (created) and the two exemplars into `dir`/../exemplars.
 * @param options.subset 'all' (default) or 'small': only sample1 and sample2 (for tests).
 */
export async function writeShippedPhotos(dir: string, options: { subset?: 'all' | 'small' } = {}): Promise<ShippedPhotos> {
  const faceApiDemo = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
  // Human's "exports" hide package.json; its node entry is <package>/dist/human.node.js.
  const humanAssets = path.join(path.dirname(path.dirname(require.resolve('@vladmandic/human'))), 'assets');
  await mkdir(dir, { recursive: true });
  const exemplarDir = path.join(path.dirname(path.resolve(dir)), 'exemplars');
  await mkdir(exemplarDir, { recursive: true });
  const files: string[] = [];
  const samples = options.subset === 'small' ? [1, 2] : [1, 2, 3, 4, 5, 6];
  for (const k of samples) {
    const to = path.join(dir, `face-api-sample${k}.jpg`);
    await copyFile(path.join(faceApiDemo, `sample${k}.jpg`), to);
    files.push(to);
  }
  const faceid = path.join(humanAssets, 'screenshot-faceid.jpg');
  const facematch = path.join(humanAssets, 'screenshot-facematch.jpg');
  const cut = async (from: string, to: string, left: number, top: number, width: number, height: number) => {
    await writeFile(to, await sharp(from).extract({ left, top, width, height }).png().toBuffer());
    return to;
  };
  const darkGlasses = await cut(facematch, path.join(exemplarDir, 'dark-glasses.png'), 0, FACEMATCH_GRID.rows[2], FACEMATCH_GRID.side, FACEMATCH_GRID.side);
  // The face-id screenshot's face with its surroundings (the face box is ~84x95 at 41,161).
  const noGlasses = await cut(faceid, path.join(exemplarDir, 'no-glasses.png'), 0, 100, 200, 220);
  if (options.subset === 'small') return { dir, files, darkGlasses, noGlasses };

  const faceidCopy = path.join(dir, 'human-faceid.jpg');
  await copyFile(faceid, faceidCopy);
  files.push(faceidCopy);
  const facedetect = path.join(humanAssets, 'screenshot-facedetect.jpg');
  for (const [k, [left, right]] of FACEDETECT_TILES.columns.entries()) {
    files.push(await cut(facedetect, path.join(dir, `human-facedetect-${k + 1}.png`), left, FACEDETECT_TILES.top, right - left, FACEDETECT_TILES.bottom - FACEDETECT_TILES.top));
  }
  for (const [r, top] of FACEMATCH_GRID.rows.entries()) {
    for (let c = 0; c < FACEMATCH_GRID.columns; c++) {
      const name = `human-facematch-r${r + 1}c${String(c + 1).padStart(2, '0')}.png`;
      files.push(await cut(facematch, path.join(dir, name), Math.round(c * FACEMATCH_GRID.pitch), top, FACEMATCH_GRID.side, FACEMATCH_GRID.side));
    }
  }
  return { dir, files, darkGlasses, noGlasses };
}
