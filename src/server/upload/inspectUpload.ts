import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../httpError.ts';
import { describeBytes, sniffImageType, type ImageType } from './sniffImageType.ts';
import type { UploadLimits } from '../types.ts';

/** An uploaded image after the cheap checks of inspectUpload (bytes still encoded). */
export interface ImageUpload {
  /** Form field it came in ("a", "b", "target", "exemplar0"...), named in every error. */
  field: string;
  bytes: Uint8Array;
  type: ImageType;
  /** Dimensions from the file header, before EXIF rotation. */
  width: number;
  height: number;
}

/**
 * Checks one uploaded file without decoding its pixels: the type from the magic bytes (415 if
 * not an image), the dimensions from the header (413 above maxPixels — this is what stops a
 * decompression bomb: a few KB of PNG claiming 30000x30000), and a readable header (422).
 * Runs on the event loop because it only parses headers (sharp does it on libuv's pool).
 */
export async function inspectUpload(field: string, bytes: Uint8Array, limits: UploadLimits): Promise<ImageUpload> {
  const type = sniffImageType(bytes);
  if (type === null) {
    throw new HttpError(415, 'not_an_image', `field ${field}: expected a JPEG, PNG, WebP, GIF, TIFF or AVIF image, but got ${describeBytes(bytes)}`);
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw corrupt(field, type, err);
  }
  const { width, height } = meta;
  if (!width || !height) throw new HttpError(422, 'corrupt_image', `field ${field}: the ${type} header has no image size`);
  if (width * height > limits.maxPixels) {
    throw new HttpError(413, 'too_many_pixels', `field ${field}: expected at most ${limits.maxPixels} pixels, but got ${width}x${height} = ${width * height}`);
  }
  return { field, bytes, type, width, height };
}

export function corrupt(field: string, type: string, err: unknown): HttpError {
  const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return new HttpError(422, 'corrupt_image', `field ${field}: could not read this ${type} image (truncated or corrupt): ${reason}`);
}
