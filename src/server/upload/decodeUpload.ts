import sharp from 'sharp';
import { corrupt, type ImageUpload } from './inspectUpload.ts';

/** Decoded RGB pixels, row-major, 3 bytes per pixel (values 0..255). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes an inspected upload to 8-bit RGB, upright (EXIF orientation applied), alpha dropped.
 * sharp's limitInputPixels guards again in case a header lied; failOn 'warning' turns a
 * truncated JPEG into an error (422 corrupt_image) instead of a half-grey picture.
 * Runs inside the worker threads so that decoded pixels only exist for requests being served.
 */
export async function decodeUpload(upload: ImageUpload, maxPixels: number): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(upload.bytes, { limitInputPixels: maxPixels, failOn: 'warning' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after decoding, but got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (err) {
    throw corrupt(upload.field, upload.type, err);
  }
}
