import { tf, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { PIXEL_RANGE, SSIM_K1, SSIM_K2, SSIM_WINDOW } from './constants.ts';
import { checkSameImageShape } from './checkSameImageShape.ts';
import { gaussianLine } from './gaussianWindow.ts';

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
