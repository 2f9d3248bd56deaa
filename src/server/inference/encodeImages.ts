import sharp from 'sharp';
import { LOSSY_QUALITY } from '../constants.ts';
import type { OutputFormat } from './types.ts';

// The images of an answer: encoded in the worker (sharp), shown to the web page as data URLs.

/** Encodes raw 8-bit RGB (row-major, 3 bytes per pixel) to PNG, JPEG or WebP. */
export async function encodeRgb(image: { data: Uint8Array; width: number; height: number }, format: OutputFormat): Promise<Uint8Array> {
  const raw = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  const encoded =
    format === 'png' ? raw.png({ compressionLevel: 6 }) : format === 'jpeg' ? raw.jpeg({ quality: LOSSY_QUALITY }) : raw.webp({ quality: LOSSY_QUALITY });
  return fresh(await encoded.toBuffer());
}

/** Encodes an 8-bit one-channel image (a change mask) as a grey PNG. */
export async function encodeGrey(image: { data: Uint8Array; width: number; height: number }): Promise<Uint8Array> {
  return fresh(await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } }).toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer());
}

// A fresh ArrayBuffer of exactly this image, so it can be transferred to the main thread alone.
const fresh = (buf: Buffer) => new Uint8Array(buf);

/** An encoded image as a data URL the web page can put straight into <img src>. */
export function toDataUrl(bytes: Uint8Array, format: OutputFormat): string {
  return `data:image/${format};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
