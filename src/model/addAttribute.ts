import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './checkImages.ts';
import type { Genegan } from './types.ts';

/**
 * Adds an exemplar's attribute with a strength: Dec(B, lambda * x) (spec "Inference operations";
 * lambda in [0, 1], beyond 1 exaggerates, 0 gives B0's reconstruction without any object).
 * @param b0 NHWC [N,S,S,3] in [0,1], targets.
 * @param exemplar NHWC [1,S,S,3] (used for every target) or [N,S,S,3] (pairwise), in [0,1].
 * @returns NHWC [N,S,S,3] in [0,1]; the caller disposes it.
 */
export function addAttribute(model: Genegan, b0: Tensor4D, exemplar: Tensor4D, strength = 1): Tensor4D {
  checkImages(model, b0, 'addAttribute b0');
  const n = b0.shape[0];
  if (exemplar.shape[0] !== 1) checkImages(model, exemplar, 'addAttribute exemplar', n);
  else checkImages(model, exemplar, 'addAttribute exemplar');
  if (!Number.isFinite(strength)) throw new Error(`addAttribute strength: expected a finite number, but got ${strength}`);
  return tf.tidy(() => {
    const b = model.encode(b0, false);
    const x = model.encode(exemplar, false).object;
    const object = tf.mul(x.shape[0] === n ? x : tf.tile(x, [n, 1, 1, 1]), strength) as Tensor4D;
    return model.decode(b.background, object, false);
  });
}
