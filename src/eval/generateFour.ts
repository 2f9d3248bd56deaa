import { tf, type Tensor4D } from '../backend/tf.ts';
import type { Genegan } from '../model/types.ts';

/** The four images of GeneGAN's forward graph for a batch of pairs (spec "Forward graph and losses"). */
export interface FourImages {
  /** Au' = Dec(A, x): reconstruction of Au. */
  auRec: Tensor4D;
  /** B0' = Dec(B, 0): reconstruction of B0 with a zero object part. */
  b0Rec: Tensor4D;
  /** A0 = Dec(A, 0): Au without the attribute. */
  a0: Tensor4D;
  /** Bu = Dec(B, x): B0 with Au's attribute. */
  bu: Tensor4D;
}

/**
 * Encodes each side once and decodes the four combinations, in inference mode (BN moving stats).
 * @param au, b0 NHWC [N, S, S, 3] in [0, 1] (S = the model's image size), pairs (au[i], b0[i])
 * @returns four NHWC [N, S, S, 3] tensors in [0, 1]; the caller disposes them
 */
export function generateFour(model: Genegan, au: Tensor4D, b0: Tensor4D): FourImages {
  if (au.shape[0] !== b0.shape[0]) throw new Error(`generateFour: expected as many Au as B0 images, but got ${au.shape[0]} and ${b0.shape[0]}`);
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    const zero = tf.zerosLike(a.object);
    return {
      auRec: model.decode(a.background, a.object, false),
      b0Rec: model.decode(b.background, zero, false),
      a0: model.decode(a.background, zero, false),
      bu: model.decode(b.background, a.object, false),
    };
  });
}
