import { tf, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { checkSameImageShape } from './checkSameImageShape.ts';

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
