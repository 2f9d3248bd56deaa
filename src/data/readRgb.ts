import sharp from 'sharp';

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
