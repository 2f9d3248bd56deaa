import sharp from 'sharp';
import { LOSSY_QUALITY } from '../constants.ts';
import type { RgbImage } from '../upload/types.ts';
import type { OutputFormat } from './types.ts';

/** Encodes raw 8-bit RGB (row-major, 3 bytes per pixel) to PNG, JPEG or WebP. */
export async function encodeRgb(image: RgbImage, format: OutputFormat): Promise<Uint8Array> {
  const raw = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  const encoded =
    format === 'png' ? raw.png({ compressionLevel: 6 }) : format === 'jpeg' ? raw.jpeg({ quality: LOSSY_QUALITY }) : raw.webp({ quality: LOSSY_QUALITY });
  const buf = await encoded.toBuffer();
  // A fresh ArrayBuffer of exactly this image, so it can be transferred to the main thread alone.
  return new Uint8Array(buf);
}
