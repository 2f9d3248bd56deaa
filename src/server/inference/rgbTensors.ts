import { tf, type Tensor4D } from '../../backend/tf.ts';
import type { RgbImage } from '../upload/types.ts';

/**
 * Stacks same-sized 8-bit RGB images into one batch.
 * @returns NHWC float32 [N, H, W, 3], values in [0, 1]; the caller disposes it.
 */
export function rgbToBatch(images: RgbImage[]): Tensor4D {
  const { width, height } = images[0];
  for (const img of images) {
    if (img.width !== width || img.height !== height) throw new Error(`rgbToBatch: expected ${width}x${height} images, but got ${img.width}x${img.height}`);
  }
  const flat = new Float32Array(images.length * width * height * 3);
  images.forEach((img, n) => {
    const offset = n * width * height * 3;
    for (let i = 0; i < img.data.length; i++) flat[offset + i] = img.data[i] / 255;
  });
  return tf.tensor4d(flat, [images.length, height, width, 3]);
}

/**
 * Splits a batch back into 8-bit RGB images (values clipped to [0, 1], rounded).
 * @param batch NHWC float32 [N, H, W, 3] in [0, 1]; not disposed.
 */
export async function batchToRgb(batch: Tensor4D): Promise<RgbImage[]> {
  const [n, height, width, channels] = batch.shape;
  if (channels !== 3) throw new Error(`batchToRgb: expected 3 channels, but got ${channels}`);
  const values = await batch.data();
  const size = width * height * 3;
  return Array.from({ length: n }, (_, k) => {
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i++) data[i] = Math.round(Math.min(1, Math.max(0, values[k * size + i])) * 255);
    return { data, width, height };
  });
}
