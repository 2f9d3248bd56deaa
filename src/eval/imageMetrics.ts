import { tf, type Tensor, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { MIN_MSE, PIXEL_RANGE, SSIM_K1, SSIM_K2, SSIM_WINDOW } from './constants.ts';

/*
 * Pixel metrics of image pairs: PSNR, SSIM (with its Gaussian window) and the masked mean absolute
 * difference of the preservation score. Every image is NHWC float32 in [0, 1] (PIXEL_RANGE 1).
 */

/**
 * Peak signal-to-noise ratio of each image pair, in dB: 10 log10(L^2 / MSE), the MSE taken over all
 * pixels and channels of one image (L = 1). Identical images give 100 dB (MSE floored at MIN_MSE).
 * @param a NHWC float32 [N, H, W, C], values in [0, 1]
 * @param b same shape as `a`, values in [0, 1]
 * @returns [N] PSNR per image in dB; the caller disposes it
 */
export function psnr(a: Tensor4D, b: Tensor4D): Tensor1D {
  checkSameImageShape(a, b, 'psnr');
  return tf.tidy(() => {
    const mse = tf.mean(tf.squaredDifference(a, b), [1, 2, 3]).maximum(MIN_MSE);
    const peak = tf.scalar(PIXEL_RANGE * PIXEL_RANGE);
    return tf.mul(10, tf.div(tf.log(tf.div(peak, mse)), Math.LN10)) as Tensor1D;
  });
}

/**
 * Structural similarity of each image pair (Wang, Bovik, Sheikh, Simoncelli 2004): local means,
 * variances and covariance under an 11x11 Gaussian window (sigma 1.5), C1 = (0.01 L)^2,
 * C2 = (0.03 L)^2 with L = 1; the SSIM map is computed per channel at the "valid" positions only
 * (as the reference MATLAB code does), then averaged over positions and channels.
 * @param a NHWC float32 [N, H, W, C] with H, W >= 11, values in [0, 1]
 * @param b same shape as `a`, values in [0, 1]
 * @returns [N] mean SSIM per image, in [-1, 1]; the caller disposes it
 */
export function ssim(a: Tensor4D, b: Tensor4D): Tensor1D {
  checkSameImageShape(a, b, 'ssim');
  const [, height, width, channels] = a.shape;
  if (height < SSIM_WINDOW.size || width < SSIM_WINDOW.size) {
    throw new Error(`ssim: expected images of at least ${SSIM_WINDOW.size}x${SSIM_WINDOW.size}, but got ${height}x${width}`);
  }
  return tf.tidy(() => {
    // The Gaussian window is the outer product of a 1-D Gaussian with itself, so one 11x1 and one
    // 1x11 pass give the same local statistics with 11x fewer multiplies (it matters at 256 px).
    const [rows, columns] = windowFilters(channels);
    const blur = (x: Tensor4D) => tf.depthwiseConv2d(tf.depthwiseConv2d(x, rows, 1, 'valid'), columns, 1, 'valid');
    const muA = blur(a);
    const muB = blur(b);
    const muAA = tf.square(muA);
    const muBB = tf.square(muB);
    const muAB = tf.mul(muA, muB);
    const varA = tf.sub(blur(tf.square(a)), muAA);
    const varB = tf.sub(blur(tf.square(b)), muBB);
    const cov = tf.sub(blur(tf.mul(a, b)), muAB);
    const c1 = (SSIM_K1 * PIXEL_RANGE) ** 2;
    const c2 = (SSIM_K2 * PIXEL_RANGE) ** 2;
    const numerator = tf.mul(tf.add(tf.mul(2, muAB), c1), tf.add(tf.mul(2, cov), c2));
    const denominator = tf.mul(tf.add(tf.add(muAA, muBB), c1), tf.add(tf.add(varA, varB), c2));
    return tf.mean(tf.div(numerator, denominator), [1, 2, 3]) as Tensor1D;
  });
}

/** The Gaussian window as two depthwise filters [size, 1, channels, 1] and [1, size, channels, 1] (same window per channel). */
function windowFilters(channels: number): [tf.Tensor4D, tf.Tensor4D] {
  const { size, sigma } = SSIM_WINDOW;
  const line = gaussianLine(size, sigma);
  const column = tf.tile(tf.tensor4d(line, [size, 1, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
  const row = tf.tile(tf.tensor4d(line, [1, size, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
  return [column, row];
}

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

/**
 * Mean absolute difference of each image pair over the pixels where `keep` is 1 (all channels):
 * sum(|a - b| * keep) / (3 * sum(keep)). The "preservation" metric: how much a generated image
 * changed outside the attribute's region. A pair whose mask keeps no pixel gives NaN (the caller skips it).
 * @param a, b NHWC [N, H, W, 3] in [0, 1]
 * @param keep NHWC [N, H, W, 1] of 0/1 (pixels to compare)
 * @returns [N] mean absolute difference in [0, 1]; the caller disposes it
 */
export function maskedAbsDiff(a: Tensor4D, b: Tensor4D, keep: Tensor4D): Tensor1D {
  checkSameImageShape(a, b, 'maskedAbsDiff');
  const [n, h, w, c] = a.shape;
  if (keep.rank !== 4 || keep.shape[0] !== n || keep.shape[1] !== h || keep.shape[2] !== w || keep.shape[3] !== 1) {
    throw new Error(`maskedAbsDiff: expected a mask [${n},${h},${w},1], but got [${keep.shape}]`);
  }
  return tf.tidy(() => {
    const diff = tf.sum(tf.mul(tf.abs(tf.sub(a, b)), keep), [1, 2, 3]);
    const kept = tf.mul(tf.sum(keep, [1, 2, 3]), c);
    return tf.div(diff, kept) as Tensor1D;
  });
}

/** Image metrics compare NHWC batches pixel by pixel: both must be rank 4 with equal shapes. */
export function checkSameImageShape(a: Tensor, b: Tensor, what: string): void {
  if (a.rank !== 4 || b.rank !== 4) {
    throw new Error(`${what}: expected two NHWC images [N,H,W,C], but got shapes [${a.shape}] and [${b.shape}]`);
  }
  if (a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${what}: expected equal shapes, but got [${a.shape}] and [${b.shape}]`);
  }
}
