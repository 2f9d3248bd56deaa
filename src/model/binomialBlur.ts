import { tf, type Tensor4D } from '../backend/tf.ts';

/** Taps of the 3x3 binomial filter [1,2,1]^T [1,2,1] / 16: zero response at the Nyquist frequency. */
const BINOMIAL = [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16);

/**
 * Blurs each channel with the 3x3 binomial filter (SAME padding with zeros). It removes exactly
 * the checkerboard frequency that stride-2 deconvolutions produce, so a generator cannot fool a
 * critic that sees blurred images with such patterns (GeneganConfig.criticBlur).
 * @param images NHWC [N,H,W,C], any range. @returns NHWC [N,H,W,C].
 */
export function binomialBlur(images: Tensor4D): Tensor4D {
  return tf.tidy(() => {
    const channels = images.shape[3];
    // A plain conv with a per-channel (diagonal) kernel: its gradients exist on every backend.
    const eye = tf.eye(channels).reshape([1, 1, channels, channels]);
    const kernel = tf.mul(tf.tensor4d(BINOMIAL, [3, 3, 1, 1]), eye) as tf.Tensor4D;
    return tf.conv2d(images, kernel, 1, 'same');
  });
}
