import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './checkImages.ts';
import type { Genegan } from './types.ts';

/**
 * Removes the attribute: Dec(A, 0) (spec "Inference operations").
 * @param au NHWC [N,S,S,3] in [0,1]. @returns NHWC [N,S,S,3] in [0,1]; the caller disposes it.
 */
export function remove(model: Genegan, au: Tensor4D): Tensor4D {
  checkImages(model, au, 'remove');
  return tf.tidy(() => {
    const a = model.encode(au, false);
    return model.decode(a.background, tf.zerosLike(a.object), false);
  });
}
