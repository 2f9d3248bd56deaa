/**
 * Small separable filters on model-size float images (interleaved, `channels` values per pixel,
 * edges replicated), for the change of residual composition (composite.ts).
 */

/** One image's layout. */
interface Grid {
  width: number;
  height: number;
  channels: number;
}

/**
 * Convolves every channel with the same symmetric 1-D kernel (odd length, centre in the middle)
 * along x and then along y. Returns a new array.
 */
export function convolveSeparable(values: Float32Array, grid: Grid, kernel: readonly number[]): Float32Array {
  if (kernel.length % 2 !== 1) throw new RangeError(`convolveSeparable: expected an odd kernel length, but got ${kernel.length}`);
  const { width, height, channels } = grid;
  const radius = (kernel.length - 1) / 2;
  const pass = (src: Float32Array, horizontal: boolean) => {
    const dst = new Float32Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let k = -radius; k <= radius; k++) {
            const xx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
            const yy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
            sum += kernel[k + radius] * src[(yy * width + xx) * channels + c];
          }
          dst[(y * width + x) * channels + c] = sum;
        }
      }
    }
    return dst;
  };
  return pass(pass(values, true), false);
}

/** Separable Gaussian blur of a one-channel float image; sigma 0 copies. */
export function gaussianBlur(values: Float32Array, width: number, height: number, sigma: number): Float32Array {
  if (!(sigma > 0)) return Float32Array.from(values);
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((s, k) => s + k, 0);
  return convolveSeparable(values, { width, height, channels: 1 }, kernel.map((k) => k / total));
}

/**
 * x with (kernel * kernel) x ≈ values: `iterations` Landweber steps x += values - K x from
 * x = values. Stopping early is the regularisation: where K passes a frequency with gain g, the
 * result amplifies it by (1 - (1 - g)^(n + 1)) / g instead of the exact 1 / g, which keeps the
 * frequencies K nearly removes (the finest diagonal ones) from being blown up.
 * Converges when K's frequency response lies in (0, 2).
 */
export function deconvolveSeparable(values: Float32Array, grid: Grid, kernel: readonly number[], iterations: number): Float32Array {
  const x = Float32Array.from(values);
  for (let i = 0; i < iterations; i++) {
    const blurred = convolveSeparable(x, grid, kernel);
    for (let j = 0; j < x.length; j++) x[j] += values[j] - blurred[j];
  }
  return x;
}
