import sharp from 'sharp';
import { drawFaceSvg } from './drawFaceSvg.ts';
import { drawMaskSvg } from './drawMaskSvg.ts';
import type { FaceFactors, MaskName } from './types.ts';

/** One face as a JPEG (CelebA ships JPEGs), rasterised by librsvg inside sharp's thread pool. */
export function renderFaceJpeg(factors: FaceFactors, size: number, quality: number): Promise<Buffer> {
  return sharp(Buffer.from(drawFaceSvg(factors, size))).removeAlpha().jpeg({ quality, chromaSubsampling: '4:4:4' }).toBuffer();
}

/** One attribute mask as a 1-channel PNG (255 inside, 0 outside, anti-aliased edges). */
export function renderMaskPng(factors: FaceFactors, size: number, mask: MaskName): Promise<Buffer> {
  return sharp(Buffer.from(drawMaskSvg(factors, size, mask))).extractChannel(0).png({ compressionLevel: 6 }).toBuffer();
}

/** An 8-bit interleaved RGB image, row-major (3 values per pixel). */
export interface RgbRaster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** Largest side renderFaceRgb accepts: librsvg and memory stay reasonable. */
export const MAX_RENDER_SIZE = 4096;

/**
 * One face as raw 8-bit RGB at any size (no JPEG loss): ground truth for pixel metrics.
 * @throws RangeError for a size that is not an integer in 8..MAX_RENDER_SIZE.
 */
export async function renderFaceRgb(factors: FaceFactors, size: number): Promise<RgbRaster> {
  if (!Number.isInteger(size) || size < 8 || size > MAX_RENDER_SIZE) throw new RangeError(`render: expected a size from 8 to ${MAX_RENDER_SIZE} px, but got ${size}`);
  const { data, info } = await sharp(Buffer.from(drawFaceSvg(factors, size))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}
