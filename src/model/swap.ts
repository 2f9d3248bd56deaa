import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './checkImages.ts';
import type { Genegan } from './types.ts';

/**
 * GeneGAN's swap (spec "Inference operations"): A0 = Dec(A, 0) loses the attribute, Bu = Dec(B, x)
 * gains Au's. Inference mode: BN uses its moving statistics, so a pair's result does not depend on
 * the rest of the batch.
 * @param au NHWC [N,S,S,3] in [0,1], images with the attribute.
 * @param b0 NHWC [N,S,S,3] in [0,1], images without it; pairs are (au[i], b0[i]).
 * @returns a0 and bu, NHWC [N,S,S,3] in [0,1]; the caller disposes them.
 */
export function swap(model: Genegan, au: Tensor4D, b0: Tensor4D): { a0: Tensor4D; bu: Tensor4D } {
  checkImages(model, au, 'swap au');
  checkImages(model, b0, 'swap b0', au.shape[0]);
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    return { a0: model.decode(a.background, tf.zerosLike(a.object), false), bu: model.decode(b.background, a.object, false) };
  });
}
