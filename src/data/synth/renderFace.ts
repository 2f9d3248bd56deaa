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
