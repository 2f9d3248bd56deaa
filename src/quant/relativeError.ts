import { tf, type Tensor } from '../backend/tf.ts';

/** ||a - b||_2 / ||b||_2 over all elements (b is the reference); 0 when both are zero. */
export function relativeError(a: Tensor, b: Tensor): number {
  return tf.tidy(() => {
    const num = tf.norm(tf.sub(a, b)).dataSync()[0];
    const den = tf.norm(b).dataSync()[0];
    return den === 0 ? num : num / den;
  });
}
