import { applyAffine, invertAffine } from '../../face/similarityTransform.ts';
import type { Affine2x3, RawImage } from '../../face/types.ts';
import { type AlignedRect, CHANGED_LEVELS } from './constants.ts';

/**
 * The photo pixels of an aligned-face region: a bounding rectangle of the photo and, inside it, a
 * 0/1 flag per pixel (row-major, width x height) telling whether the pixel's centre maps into the
 * region. Tilted faces give a tilted region, as they should.
 */
export interface PhotoRegion {
  x0: number;
  y0: number;
  width: number;
  height: number;
  inside: Uint8Array;
  /** Pixels flagged inside. */
  count: number;
}

/**
 * Maps an aligned-face rectangle (fractions of the aligned square) into the photo.
 * @param photo the photo's size in pixels.
 * @param toModel photo pixel -> aligned crop pixel (the alignment matrix at the crop's size).
 * @param size side of that aligned crop in pixels (the model's size).
 */
export function regionInPhoto(photo: { width: number; height: number }, toModel: Affine2x3, size: number, rect: AlignedRect): PhotoRegion {
  if (!(rect.x1 > rect.x0 && rect.y1 > rect.y0)) {
    throw new RangeError(`regionInPhoto: expected x0 < x1 and y0 < y1, but got x ${rect.x0}..${rect.x1}, y ${rect.y0}..${rect.y1}`);
  }
  // Pixel-centre convention: a crop spans [-0.5, size - 0.5], so fraction f sits at f * size - 0.5.
  const lo = (f: number) => f * size - 0.5;
  const back = invertAffine(toModel);
  const corners = [
    [lo(rect.x0), lo(rect.y0)], [lo(rect.x1), lo(rect.y0)], [lo(rect.x0), lo(rect.y1)], [lo(rect.x1), lo(rect.y1)],
  ].map((p) => applyAffine(back, p as [number, number]));
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1]))));
  const x1 = Math.min(photo.width - 1, Math.ceil(Math.max(...corners.map((p) => p[0]))));
  const y1 = Math.min(photo.height - 1, Math.ceil(Math.max(...corners.map((p) => p[1]))));
  const width = Math.max(0, x1 - x0 + 1);
  const height = Math.max(0, y1 - y0 + 1);
  const inside = new Uint8Array(width * height);
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = applyAffine(toModel, [x0 + x, y0 + y]);
      if (u >= lo(rect.x0) && u <= lo(rect.x1) && v >= lo(rect.y0) && v <= lo(rect.y1)) {
        inside[y * width + x] = 1;
        count++;
      }
    }
  }
  if (count === 0) {
    throw new RangeError(`regionInPhoto: expected the region x ${rect.x0}..${rect.x1}, y ${rect.y0}..${rect.y1} to cover photo pixels, but it lies outside the ${photo.width}x${photo.height} photo`);
  }
  return { x0, y0, width, height, inside, count };
}

/** Calls fn(x, y) with photo coordinates for every pixel of the region. */
export function forEachInRegion(region: PhotoRegion, fn: (x: number, y: number) => void): void {
  for (let y = 0; y < region.height; y++) {
    for (let x = 0; x < region.width; x++) {
      if (region.inside[y * region.width + x]) fn(region.x0 + x, region.y0 + y);
    }
  }
}

/**
 * Pixel statistics of 8-bit RGB photos (row-major, 3 bytes a pixel, values 0..255), computed on
 * the CPU: the photos are large and each statistic is one pass over a region.
 */
export type Rgb8 = RawImage<Uint8Array>;

/** PSNR of identical regions: the same ceiling as `psnr` in src/eval/imageMetrics.ts, so tables never show Infinity. */
export const PSNR_CEILING = 100;

/** Rec. 601 luma of pixel (x, y), 0..255. */
function luma(image: Rgb8, x: number, y: number): number {
  const i = (y * image.width + x) * 3;
  return 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
}

/** Mean luma (0..255) of the region. */
export function meanLuma(image: Rgb8, region: PhotoRegion): number {
  checkRgb(image, 'meanLuma');
  let sum = 0;
  forEachInRegion(region, (x, y) => (sum += luma(image, x, y)));
  return sum / region.count;
}

/**
 * Variance of the Laplacian of luma over the region: the usual focus measure, large for sharp
 * detail and small for blur. 4-neighbour kernel [0 1 0; 1 -4 1; 0 1 0]; pixels on the photo's own
 * border are skipped (no neighbours there).
 */
export function laplacianVariance(image: Rgb8, region: PhotoRegion): number {
  checkRgb(image, 'laplacianVariance');
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  forEachInRegion(region, (x, y) => {
    if (x < 1 || y < 1 || x >= image.width - 1 || y >= image.height - 1) return;
    const l = luma(image, x - 1, y) + luma(image, x + 1, y) + luma(image, x, y - 1) + luma(image, x, y + 1) - 4 * luma(image, x, y);
    n++;
    sum += l;
    sumSq += l * l;
  });
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

/** PSNR in dB (peak 255) of `output` against `input` over the region, all three channels. */
export function regionPsnr(input: Rgb8, output: Rgb8, region: PhotoRegion): number {
  checkPair(input, output, 'regionPsnr');
  let sq = 0;
  forEachInRegion(region, (x, y) => {
    const i = (y * input.width + x) * 3;
    for (let c = 0; c < 3; c++) sq += (input.data[i + c] - output.data[i + c]) ** 2;
  });
  const mse = sq / (3 * region.count);
  return mse === 0 ? PSNR_CEILING : Math.min(PSNR_CEILING, 10 * Math.log10((255 * 255) / mse));
}

/**
 * Share (0..1) of all photo pixels changed: any channel differs by more than `levels` 8-bit levels.
 * Two levels ignore JPEG-like rounding noise but catch any visible edit.
 */
export function changedShare(input: Rgb8, output: Rgb8, levels: number = CHANGED_LEVELS): number {
  checkPair(input, output, 'changedShare');
  const pixels = input.width * input.height;
  let changed = 0;
  for (let p = 0; p < pixels; p++) {
    const i = p * 3;
    if (Math.abs(input.data[i] - output.data[i]) > levels || Math.abs(input.data[i + 1] - output.data[i + 1]) > levels || Math.abs(input.data[i + 2] - output.data[i + 2]) > levels) changed++;
  }
  return changed / pixels;
}

function checkRgb(image: Rgb8, where: string): void {
  if (image.channels !== 3 || image.data.length !== image.width * image.height * 3) {
    throw new RangeError(`${where}: expected an 8-bit RGB image of ${image.width}x${image.height}x3 values, but got ${image.data.length} values with ${image.channels} channels`);
  }
}

function checkPair(a: Rgb8, b: Rgb8, where: string): void {
  checkRgb(a, where);
  checkRgb(b, where);
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`${where}: expected two photos of the same size, but got ${a.width}x${a.height} and ${b.width}x${b.height}`);
  }
}
