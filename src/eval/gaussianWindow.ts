/**
 * A normalised 2-D Gaussian window (sums to 1), row-major size x size, centred on the middle pixel.
 * SSIM's window (Wang et al. 2004): size 11, sigma 1.5.
 */
export function gaussianWindow(size: number, sigma: number): Float32Array {
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new Error(`gaussianWindow: expected an odd positive size, but got ${size}`);
  }
  if (!(sigma > 0)) throw new Error(`gaussianWindow: expected sigma > 0, but got ${sigma}`);
  const half = (size - 1) / 2;
  const line = Array.from({ length: size }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigma * sigma)));
  const out = new Float32Array(size * size);
  let total = 0;
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) total += out[r * size + c] = line[r] * line[c];
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}

/**
 * The normalised 1-D Gaussian (sums to 1) whose outer product with itself is gaussianWindow(size, sigma).
 */
export function gaussianLine(size: number, sigma: number): Float32Array {
  const window = gaussianWindow(size, sigma);
  const half = (size - 1) / 2;
  // row `half` of the 2-D window is line[half] * line; line sums to 1, so the row sums to line[half]
  let middle = 0;
  for (let c = 0; c < size; c++) middle += window[half * size + c];
  return Float32Array.from({ length: size }, (_, c) => window[half * size + c] / middle);
}
