import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { STRIDE } from './constants.ts';

/**
 * The encoder's and critics' "conv 4x4 s2, SAME, no bias".
 * @param x NHWC [N, H, W, Cin], any range.
 * @param kernel [4, 4, Cin, Cout].
 * @returns NHWC [N, H/2, W/2, Cout].
 */
export function convDown(x: Tensor4D, kernel: Tensor): Tensor4D {
  return tf.conv2d(x, kernel as tf.Tensor4D, STRIDE, 'same');
}
