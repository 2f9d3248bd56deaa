import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './checkImages.ts';
import type { Genegan } from './types.ts';

/** One output: input `background`'s background part with the object part sum_j weights[j] * x_j. */
export interface LatentMix {
  background: number;
  /** One weight per input image. */
  weights: number[];
}

/**
 * Every inference operation as one encode and one decode (docs/model.md "Inference operations"):
 * with inputs [A, B], swap is A0 = {background 0, weights [0, 0]} and Bu = {1, [λ, 0]}; a
 * reconstruction of input i is {i, one-hot i}; strength, a four-exemplar mix and the matrix are
 * other weights. Inference mode: BN uses its moving statistics, so rows do not affect each other.
 * @param images NHWC [N,S,S,3] in [0,1]. @param mixes M rows, each with N weights.
 * @returns NHWC [M,S,S,3] in [0,1], row order; the caller disposes it.
 */
export function decodeMixes(model: Genegan, images: Tensor4D, mixes: LatentMix[]): Tensor4D {
  checkImages(model, images, 'decodeMixes');
  const n = images.shape[0];
  if (mixes.length === 0) throw new Error('decodeMixes: expected at least one mix, but got none');
  mixes.forEach((mix, i) => {
    if (!Number.isInteger(mix.background) || mix.background < 0 || mix.background >= n) {
      throw new Error(`mixes[${i}].background: expected an input index 0..${n - 1}, but got ${mix.background}`);
    }
    if (mix.weights.length !== n || !mix.weights.every(Number.isFinite)) {
      throw new Error(`mixes[${i}].weights: expected ${n} finite numbers, but got [${mix.weights.join(',')}]`);
    }
  });
  return tf.tidy(() => {
    const { background, object } = model.encode(images, false);
    const [, h, w, c] = object.shape;
    const objects = tf.matMul(tf.tensor2d(mixes.map((m) => m.weights)), tf.reshape(object, [n, h * w * c])).reshape([mixes.length, h, w, c]) as Tensor4D;
    const backgrounds = tf.gather(background, mixes.map((m) => m.background)) as Tensor4D;
    return model.decode(backgrounds, objects, false);
  });
}
