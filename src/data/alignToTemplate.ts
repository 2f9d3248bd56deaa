import sharp from 'sharp';
import { similarityTransform } from '../face/similarityTransform.ts';
import { templateAt, fivePointsToArray } from '../face/template.ts';
import { warpAffine } from '../face/warpAffine.ts';
import type { Point } from '../face/types.ts';
import { ALIGN_WORK_SIZE } from './constants.ts';
import type { RgbImage } from './readRgb.ts';

/**
 * Aligns a face by its 5 landmarks (CelebA order, source pixel-centre coordinates): least-squares
 * similarity onto the template, bilinear warp at 256 px as the reference code does, then an
 * area-averaging resize to `size` (spec/genegan.md "Data and alignment"), so big photos do not
 * alias. The work template is shifted so the template lands on the pixel centres of the final size.
 * @returns RGB HWC uint8 of size x size.
 */
export async function alignToTemplate(image: RgbImage, landmarks: readonly Point[], size: number): Promise<Uint8Array> {
  const work = Math.max(size, ALIGN_WORK_SIZE);
  const r = work / size;
  // A pixel centre p of the work image maps to (p + 0.5) / r - 0.5 after resizing; invert that.
  const target = fivePointsToArray(templateAt(size)).map(([x, y]) => [r * x + (r - 1) / 2, r * y + (r - 1) / 2] as const);
  const { matrix } = similarityTransform(landmarks, target);
  const warped = warpAffine({ data: image.data, width: image.width, height: image.height, channels: 3 }, matrix, {
    width: work,
    height: work,
    border: 'replicate',
  });
  if (work === size) return warped.data as Uint8Array;
  const out = await sharp(Buffer.from(warped.data.buffer, warped.data.byteOffset, warped.data.length), {
    raw: { width: work, height: work, channels: 3 },
  })
    .resize(size, size, { kernel: 'linear', fit: 'fill' })
    .raw()
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
