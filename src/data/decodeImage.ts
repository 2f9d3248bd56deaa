import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { readRgb } from './readRgb.ts';

/**
 * Decodes an image file or buffer to a tensor.
 * @returns NHWC float32 [1, height, width, 3] (or [1, size, size, 3] with `size`), values in [0, 1];
 *   the caller disposes it.
 */
export async function decodeImage(input: string | Buffer, size?: number): Promise<Tensor4D> {
  const img = await readRgb(input, size);
  await selectBackend({ log: () => {} }); // the caller's choice (cached), or the same automatic one
  return tf.tidy(() => tf.tensor4d(img.data, [1, img.height, img.width, 3], 'int32').toFloat().div(255) as Tensor4D);
}
