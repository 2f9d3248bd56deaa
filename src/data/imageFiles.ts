import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { IMAGE_EXTENSIONS } from './constants.ts';

// Image files: listing a folder's images, decoding one to 8-bit RGB or to a tensor, encoding a
// tensor back to PNG or JPEG (sharp does the codecs).

/** Image files (jpg, jpeg, png, webp; any case) under `dir`, recursively, sorted, relative to it. */
export async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(e.name).toLowerCase()))
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .filter((rel) => !rel.split(path.sep).some((part) => part.startsWith('.')))
    .sort();
}

/** An 8-bit RGB image, row-major HWC, 3 values per pixel. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes an image file or buffer (jpg, png, webp, ...) to 8-bit RGB, honouring EXIF orientation,
 * dropping alpha and turning grey images into RGB. With `size`, resizes to size x size (bilinear
 * stretch, for already-aligned faces). Throws on corrupt input.
 */
export async function readRgb(input: string | Buffer, size?: number): Promise<RgbImage> {
  let pipeline = sharp(input, { failOn: 'error' }).rotate().removeAlpha().toColourspace('srgb');
  if (size !== undefined) pipeline = pipeline.resize(size, size, { fit: 'fill', kernel: 'linear' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`readRgb: expected 3 channels after conversion, but got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

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

export type ImageFormat = 'png' | 'jpeg';

/**
 * Encodes one image tensor to PNG or JPEG.
 * @param image NHWC [1, H, W, 3] or HWC [H, W, 3], values in [0, 1] (clipped); not disposed.
 */
export async function encodeImage(image: Tensor3D | Tensor4D, format: ImageFormat = 'png', quality = 92): Promise<Buffer> {
  const shape = image.shape;
  const hwc = shape.length === 4 ? shape.slice(1) : shape;
  if ((shape.length === 4 && shape[0] !== 1) || hwc.length !== 3 || hwc[2] !== 3) {
    throw new Error(`encodeImage: expected [1, H, W, 3] or [H, W, 3], but got [${shape.join(', ')}]`);
  }
  const bytes = tf.tidy(() => image.clipByValue(0, 1).mul(255).round().toInt());
  const data = Uint8Array.from(await bytes.data());
  bytes.dispose();
  const raw = sharp(Buffer.from(data.buffer), { raw: { width: hwc[1], height: hwc[0], channels: 3 } });
  return format === 'png' ? raw.png().toBuffer() : raw.jpeg({ quality }).toBuffer();
}
