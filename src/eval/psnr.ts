import { tf, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { MIN_MSE, PIXEL_RANGE } from './constants.ts';
import { checkSameImageShape } from './checkSameImageShape.ts';

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
