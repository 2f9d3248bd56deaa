import sharp from 'sharp';
import type { RgbImage } from '../upload/types.ts';

/**
 * align=none: the upload is already an aligned face, so it is only brought to the model's size.
 * A non-square image is centre-cropped to a square first (fit "cover") rather than stretched,
 * which would change the face's proportions; bilinear-like resampling (sharp's default lanczos
 * for downscaling) as in the spec's "resizes to 64x64".
 */
export async function resizeToSquare(image: RgbImage, size: number): Promise<RgbImage> {
  if (image.width === size && image.height === size) return image;
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(size, size, { fit: 'cover', position: 'centre' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}
