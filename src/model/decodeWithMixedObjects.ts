import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './checkImages.ts';
import type { Genegan } from './types.ts';

/**
 * Decodes every target with M mixtures of the exemplars' object parts: mixture m is
 * sum_k weights[m][k] * x_k (the attribute subspace of spec "Inference operations").
 * @param targets NHWC [N,S,S,3] in [0,1] (their background parts are kept).
 * @param exemplars NHWC [K,S,S,3] in [0,1] (their object parts are mixed).
 * @param weights M rows of K numbers.
 * @returns NHWC [N*M,S,S,3] in [0,1], target-major: index n*M + m. The caller disposes it.
 */
export function decodeWithMixedObjects(model: Genegan, targets: Tensor4D, exemplars: Tensor4D, weights: number[][]): Tensor4D {
  checkImages(model, targets, 'targets');
  checkImages(model, exemplars, 'exemplars');
  const k = exemplars.shape[0];
  const m = weights.length;
  weights.forEach((row, i) => {
    if (row.length !== k || !row.every(Number.isFinite)) throw new Error(`weights[${i}]: expected ${k} finite numbers, but got [${row.join(',')}]`);
  });
  if (m === 0) throw new Error('weights: expected at least one mixture, but got none');
  const n = targets.shape[0];
  return tf.tidy(() => {
    const background = model.encode(targets, false).background;
    const objects = model.encode(exemplars, false).object;
    const [, h, w, c] = objects.shape;
    const mixed = tf.matMul(tf.tensor2d(weights), tf.reshape(objects, [k, h * w * c])).reshape([1, m, h, w, c]);
    const bg = background.reshape([n, 1, h, w, background.shape[3]]).tile([1, m, 1, 1, 1]).reshape([n * m, h, w, background.shape[3]]);
    const obj = mixed.tile([n, 1, 1, 1, 1]).reshape([n * m, h, w, c]);
    return model.decode(bg as Tensor4D, obj as Tensor4D, false);
  });
}
