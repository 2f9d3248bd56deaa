import { invertAffine } from './similarityTransform.ts';
import type { Affine2x3, RawImage, WarpAffineOptions } from './types.ts';

type Pixels = Uint8Array | Uint8ClampedArray | Float32Array;

/**
 * Warps a raw interleaved image (grey, RGB or RGBA; 8-bit or float) by `matrix` (source -> output
 * coordinates, e.g. SimilarityTransform.matrix) into a new width x height image of the same pixel type.
 *
 * Inverse mapping (docs/face.md "Warp"): every output pixel centre is mapped back
 * through the inverse matrix and sampled bilinearly, so there are no holes. Pixel-centre convention:
 * pixel (col, row) sits at (x, y) = (col, row).
 * Edges: 'constant' (default) treats pixels outside the source as `borderValue` (default 0) and
 * blends into it over one pixel; 'replicate' clamps to the nearest edge pixel.
 * 8-bit outputs are rounded and clamped to [0, 255]; float outputs are not clamped.
 */
export function warpAffine<T extends Pixels>(image: RawImage<T>, matrix: Affine2x3, options: WarpAffineOptions): RawImage<T> {
  checkImage(image);
  const { width, height } = checkSize(options);
  const inv = invertAffine(matrix);
  const out = allocLike(image.data, width * height * image.channels);
  const sample = makeSampler(image, options);
  const pixel = new Float64Array(image.channels);
  const store = out instanceof Float32Array ? (v: number) => v : toByte;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const sx = inv[0][0] * col + inv[0][1] * row + inv[0][2];
      const sy = inv[1][0] * col + inv[1][1] * row + inv[1][2];
      sample(sx, sy, pixel);
      const base = (row * width + col) * image.channels;
      for (let c = 0; c < image.channels; c++) out[base + c] = store(pixel[c]);
    }
  }
  return { data: out, width, height, channels: image.channels };
}

/**
 * Returns sample(x, y, into): the bilinear value of every channel at the source point (x, y).
 * Kept separate so paste-back can sample the generated crop the same way.
 */
export function makeSampler(image: RawImage, options: Pick<WarpAffineOptions, 'border' | 'borderValue'> = {}) {
  const { data, width, height, channels } = image;
  const replicate = (options.border ?? 'constant') === 'replicate';
  const fill = options.borderValue ?? 0;
  const at = (x: number, y: number, c: number): number => {
    if (replicate) {
      x = x < 0 ? 0 : x >= width ? width - 1 : x;
      y = y < 0 ? 0 : y >= height ? height - 1 : y;
    } else if (x < 0 || y < 0 || x >= width || y >= height) {
      return fill;
    }
    return data[(y * width + x) * channels + c];
  };
  return (x: number, y: number, into: Float64Array): void => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    for (let c = 0; c < channels; c++) {
      const top = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
      const bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
      into[c] = top * (1 - fy) + bottom * fy;
    }
  };
}

/** Checks a RawImage's fields and buffer length; exported for the other face functions. */
export function checkImage(image: RawImage): void {
  const { width, height, channels, data } = image;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`image.${name}: expected a positive integer, but got ${v}`);
  }
  if (![1, 3, 4].includes(channels)) throw new RangeError(`image.channels: expected 1, 3 or 4, but got ${channels}`);
  if (data.length !== width * height * channels) {
    throw new RangeError(`image.data: expected ${width}x${height}x${channels} = ${width * height * channels} values, but got ${data.length}`);
  }
}

function checkSize(options: WarpAffineOptions): { width: number; height: number } {
  for (const name of ['width', 'height'] as const) {
    const v = options[name];
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`warpAffine: expected options.${name} to be a positive integer, but got ${v}`);
  }
  return { width: options.width, height: options.height };
}

/** A new zeroed array of the same pixel type (a Node Buffer input gives a plain Uint8Array). */
function allocLike<T extends Pixels>(data: T, n: number): T {
  if (data instanceof Float32Array) return new Float32Array(n) as T;
  if (data instanceof Uint8ClampedArray) return new Uint8ClampedArray(n) as T;
  return new Uint8Array(n) as T;
}

// Uint8Array truncates and wraps on assignment; round half up and clamp so the warp is unbiased.
function toByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.floor(v + 0.5);
}
