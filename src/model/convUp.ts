import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { STRIDE } from './constants.ts';

/**
 * The decoder's "deconv 4x4 s2, SAME" (a transposed convolution, no bias).
 * @param x NHWC [N, H, W, Cin], any range.
 * @param kernel [4, 4, Cout, Cin] (tfjs's transposed-convolution layout).
 * @returns NHWC [N, 2H, 2W, Cout].
 */
export function convUp(x: Tensor4D, kernel: Tensor): Tensor4D {
  const [n, h, w] = x.shape;
  const outChannels = kernel.shape[2] as number;
  return tf.conv2dTranspose(x, kernel as tf.Tensor4D, [n, h * STRIDE, w * STRIDE, outChannels], STRIDE, 'same');
}
