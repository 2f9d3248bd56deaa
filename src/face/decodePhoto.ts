import sharp from 'sharp';
import { FaceError } from './faceError.ts';
import { DEFAULT_MAX_PIXELS } from './constants.ts';
import type { Photo } from './types.ts';

export interface DecodePhotoOptions {
  /** Largest accepted width*height; default DEFAULT_MAX_PIXELS. */
  maxPixels?: number;
  /** Name used in error messages (e.g. the file name); default "photo". */
  name?: string;
}

/**
 * Decodes JPEG/PNG/WebP/GIF/TIFF/AVIF bytes into an upright 8-bit RGB photo with sharp: EXIF
 * orientation is applied (.rotate(), docs/face.md "Decoding"), alpha is dropped, grey becomes RGB.
 * Throws FaceError 'not_an_image' for bytes sharp cannot read and 'too_many_pixels' above the limit,
 * checked from the header before any pixel is decoded.
 */
export async function decodePhoto(bytes: Uint8Array, options: DecodePhotoOptions = {}): Promise<Photo> {
  const { maxPixels = DEFAULT_MAX_PIXELS, name = 'photo' } = options;
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new FaceError('not_an_image', `${name}: expected image bytes, but got ${bytes instanceof Uint8Array ? 'an empty buffer' : typeof bytes}`);
  }
  const input = sharp(bytes, { limitInputPixels: false, failOn: 'error' });
  const meta = await input.metadata().catch((err: Error) => {
    throw new FaceError('not_an_image', `${name}: expected a JPEG, PNG, WebP, GIF, TIFF or AVIF image, but it cannot be decoded (${firstLine(err)})`);
  });
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > maxPixels) {
    throw new FaceError('too_many_pixels', `${name}: expected at most ${maxPixels} pixels, but got ${meta.width}x${meta.height} = ${pixels}`);
  }
  try {
    const { data, info } = await input.rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
    return { data: rgb, width: info.width, height: info.height, channels: 3, orientation: meta.orientation ?? 1 };
  } catch (err) {
    throw new FaceError('not_an_image', `${name}: the image header is readable but its pixels are not (${firstLine(err as Error)})`);
  }
}

function firstLine(err: Error): string {
  return String(err?.message ?? err).split('\n')[0].slice(0, 200);
}
