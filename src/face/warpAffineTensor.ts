import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import { invertAffine } from './similarityTransform.ts';
import type { Affine2x3, BorderMode } from './types.ts';

/**
 * Tensor twin of warpAffine: warps NHWC images [batch, h, w, c] (any value range, float32) by
 * `matrix` (source -> output) into [batch, height, width, c] with tf.image.transform (bilinear,
 * inverse-mapped, pixel-centre convention like warpAffine). A 3D [h, w, c] input gives a 3D output.
 * Edges: 'constant' fills `borderValue` (default 0), 'replicate' uses tfjs's 'nearest' fill mode.
 * The caller disposes the result; intermediates are freed with tf.tidy.
 */
export function warpAffineTensor<T extends Tensor3D | Tensor4D>(
  image: T,
  matrix: Affine2x3,
  options: { width: number; height: number; border?: BorderMode; borderValue?: number },
): T {
  if (image.rank !== 3 && image.rank !== 4) {
    throw new RangeError(`warpAffineTensor: expected an image of rank 3 [h,w,c] or 4 [n,h,w,c], but got shape [${image.shape}]`);
  }
  for (const name of ['width', 'height'] as const) {
    const v = options[name];
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`warpAffineTensor: expected options.${name} to be a positive integer, but got ${v}`);
  }
  const inv = invertAffine(matrix);
  return tf.tidy(() => {
    const batch = (image.rank === 3 ? tf.expandDims(image, 0) : image) as Tensor4D;
    // tf.image.transform maps each OUTPUT pixel to an input point: [a0 a1 a2 b0 b1 b2 c0 c1].
    const row = [inv[0][0], inv[0][1], inv[0][2], inv[1][0], inv[1][1], inv[1][2], 0, 0];
    const transforms = tf.tensor2d(Array.from({ length: batch.shape[0] }, () => row));
    const fillMode = options.border === 'replicate' ? 'nearest' : 'constant';
    const out = tf.image.transform(batch, transforms, 'bilinear', fillMode, options.borderValue ?? 0, [options.height, options.width]);
    return (image.rank === 3 ? tf.squeeze(out, [0]) : out) as T;
  });
}
