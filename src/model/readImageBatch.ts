import { tf, type Tensor4D } from '../backend/tf.ts';
import { decodeImage } from '../data/decodeImage.ts';

/**
 * Decodes image files (jpg, png, webp...) resized to size x size into one batch.
 * Already-aligned faces are expected (the face pipeline aligns photos).
 * @returns NHWC [files.length, size, size, 3] in [0,1]; the caller disposes it.
 */
export async function readImageBatch(files: string[], size: number): Promise<Tensor4D> {
  if (files.length === 0) throw Object.assign(new Error('expected at least one image file, but got none'), { userFacing: true });
  const images: Tensor4D[] = [];
  try {
    for (const file of files) {
      try {
        images.push(await decodeImage(file, size));
      } catch (err) {
        throw Object.assign(new Error(`${file}: cannot read as an image (${(err as Error).message.split('\n')[0]})`), { userFacing: true });
      }
    }
    return tf.concat(images, 0);
  } finally {
    tf.dispose(images);
  }
}
