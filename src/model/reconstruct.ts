import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './checkImages.ts';
import type { Genegan } from './types.ts';

/**
 * Reconstruction Dec(background, object) of each image by the same generator that edits it. The
 * edit of an output is measured against it (residual composition, docs/face.md): what the generator
 * cannot reproduce of a photo cancels, and only the change it means to make remains.
 * @param images NHWC [N,S,S,3] in [0,1]. @returns NHWC [N,S,S,3] in [0,1]; the caller disposes it.
 */
export function reconstruct(model: Genegan, images: Tensor4D): Tensor4D {
  checkImages(model, images, 'reconstruct');
  return tf.tidy(() => {
    const latent = model.encode(images, false);
    return model.decode(latent.background, latent.object, false);
  });
}
