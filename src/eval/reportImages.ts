import { tf, type Tensor4D } from '../backend/tf.ts';
import { encodeImage } from '../data/imageFiles.ts';
import { addAttribute } from '../model/operations.ts';
import { matrix, MATRIX_EXEMPLARS } from '../model/operations.ts';
import { tileImages } from '../model/images.ts';
import type { Generator } from '../model/types.ts';
import sharp from 'sharp';
import { REPORT_DEFAULTS } from './constants.ts';
import type { CounterfactualExamples } from './counterfactualScores.ts';
import type { FourImages } from './pairs.ts';

/** A picture of the report: an image data URL and a caption. */
export interface ReportImage {
  title: string;
  caption: string;
  dataUrl: string;
}

/** Kept example images of one variant (the first pairs of the first batch). */
export interface VariantExamples {
  label: string;
  four: FourImages;
}

/**
 * One grid image as a JPEG data URL (REPORT_DEFAULTS.jpegQuality: about 5x smaller than PNG for
 * these noisy generated faces, which keeps report.html small enough to commit and mail).
 * @param rows NHWC batches [n, S, S, 3] in [0, 1], laid out `columns` wide
 */
async function gridDataUrl(rows: Tensor4D[], columns: number): Promise<string> {
  const grid = tf.tidy(() => tileImages(tf.concat(rows) as Tensor4D, columns));
  const jpeg = await encodeImage(grid, 'jpeg', REPORT_DEFAULTS.jpegQuality);
  grid.dispose();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/** Interleaves per-column NHWC batches [k,S,S,3] into one [k*cols,S,S,3]: row i = (col0[i], col1[i], ...). */
function interleave(columns: Tensor4D[]): Tensor4D {
  return tf.tidy(() => {
    const [k, h, w, c] = columns[0].shape;
    return tf.reshape(tf.stack(columns, 1), [k * columns.length, h, w, c]) as Tensor4D;
  });
}

/**
 * Per variant: Au | B0 | Au' | B0' | A0 | Bu for each example pair.
 * @param au, b0 NHWC [k, S, S, 3] in [0, 1], the example pairs (not disposed)
 */
export async function swapGrid(au: Tensor4D, b0: Tensor4D, ex: VariantExamples): Promise<ReportImage> {
  const cols = [au, b0, ex.four.auRec, ex.four.b0Rec, ex.four.a0, ex.four.bu];
  const rows = interleave(cols);
  const dataUrl = await gridDataUrl([rows], cols.length);
  rows.dispose();
  return { title: `Swap: ${ex.label}`, caption: "columns: Au, B0, Au' (reconstruction), B0' (zero object), A0 (attribute removed), Bu (attribute from Au)", dataUrl };
}

/**
 * Bu (or A0) of every variant side by side, to see what quantization changes.
 * @param au, b0 NHWC [k, S, S, 3] in [0, 1]; every variant's images are [k, S, S, 3] too
 */
export async function variantsGrid(au: Tensor4D, b0: Tensor4D, examples: VariantExamples[], which: 'bu' | 'a0'): Promise<ReportImage> {
  const cols = [au, b0, ...examples.map((e) => e.four[which])];
  const rows = interleave(cols);
  const dataUrl = await gridDataUrl([rows], cols.length);
  rows.dispose();
  const name = which === 'bu' ? 'Bu (B0 gains the attribute of Au)' : 'A0 (Au loses the attribute)';
  return { title: `${name} across variants`, caption: `columns: Au, B0, then ${examples.map((e) => e.label).join(' | ')}`, dataUrl };
}

/**
 * Strength ramp Dec(B, lambda * x) for a few targets with one exemplar.
 * @param targets NHWC [k, S, S, 3] in [0, 1]; @param exemplar NHWC [1, S, S, 3] in [0, 1]
 */
export async function strengthRamp(model: Generator, label: string, targets: Tensor4D, exemplar: Tensor4D, strengths: readonly number[]): Promise<ReportImage> {
  const steps = strengths.map((s) => addAttribute(model, targets, exemplar, s));
  const exemplars = tf.tidy(() => tf.tile(exemplar, [targets.shape[0], 1, 1, 1]) as Tensor4D);
  const rows = interleave([exemplars, targets, ...steps]);
  const dataUrl = await gridDataUrl([rows], strengths.length + 2);
  tf.dispose([...steps, exemplars, rows]);
  return { title: `Strength ramp: ${label}`, caption: `columns: exemplar Au, target B0, then lambda = ${strengths.join(', ')}`, dataUrl };
}

/**
 * The 4-exemplar attribute-subspace matrix on one target: the inputs row, then the grid.
 * @param target NHWC [1, S, S, 3] in [0, 1]; @param exemplars NHWC [4, S, S, 3] in [0, 1]
 */
export async function matrixGrid(model: Generator, label: string, target: Tensor4D, exemplars: Tensor4D, side: number, names: string[]): Promise<ReportImage[]> {
  if (exemplars.shape[0] !== MATRIX_EXEMPLARS) throw new Error(`matrix grid: expected ${MATRIX_EXEMPLARS} exemplars, but got ${exemplars.shape[0]}`);
  const inputs = tf.concat([target, exemplars]) as Tensor4D;
  const inputsUrl = await gridDataUrl([inputs], MATRIX_EXEMPLARS + 1);
  const cells = matrix(model, target, exemplars, side);
  const cellsUrl = await gridDataUrl([cells], side);
  tf.dispose([inputs, cells]);
  return [
    { title: `4-exemplar matrix: ${label} — inputs`, caption: `target B0, then exemplars 1-4: ${names.join(', ')}`, dataUrl: inputsUrl },
    {
      title: `4-exemplar matrix: ${label}`,
      caption: 'exemplar 1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right; cell (a, b) mixes their object parts with weights (1-a)(1-b), (1-a)b, a(1-b), ab',
      dataUrl: cellsUrl,
    },
  ];
}

/**
 * The counterfactual examples as one JPEG grid (rows: pairs; columns: A, B, true Bu, replace Bu,
 * residual Bu, true A0, replace A0, residual A0), at the size they were scored at.
 */
export async function counterfactualGrid(title: string, examples: CounterfactualExamples): Promise<ReportImage> {
  const side = examples.rows[0][0].width;
  const columns = examples.columns.length;
  const width = side * columns;
  const height = side * examples.rows.length;
  const pixels = new Uint8Array(width * height * 3);
  examples.rows.forEach((row, r) =>
    row.forEach((img, c) => {
      for (let y = 0; y < side; y++) pixels.set(img.data.subarray(y * side * 3, (y + 1) * side * 3), ((r * side + y) * width + c * side) * 3);
    }),
  );
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: REPORT_DEFAULTS.jpegQuality, chromaSubsampling: '4:4:4' }).toBuffer();
  return { title, caption: `columns: ${examples.columns.join(', ')} (${side} px)`, dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
}
