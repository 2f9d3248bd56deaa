import sharp, { type Sharp } from 'sharp';
import { similarityTransform } from '../face/similarityTransform.ts';
import { fivePointsToArray, templateAt } from '../face/template.ts';
import type { Point } from '../face/types.ts';
import { warpAffine } from '../face/warpAffine.ts';
import type { RgbImage } from './imageFiles.ts';

/** A photo as a file path, encoded bytes, or already decoded 8-bit RGB. */
export type PhotoSource = string | Buffer | RgbImage;

/**
 * Aligns a face by its 5 landmarks (CelebA order, photo pixel-centre coordinates): least-squares
 * similarity onto the template at `size` (docs/face.md "Similarity transform"), then a bilinear
 * warp (src/face/warpAffine, docs/face.md "Warp"). Big photos are first shrunk by libvips (anti-aliased, in sharp's
 * thread pool) to the similarity's own scale, so the warp runs 1:1: no aliasing, like the
 * reference code's 256 px warp + resize, but ~size^2 pixels of JS work instead of 256^2.
 * libvips maps pixel centres as p' = (p + 0.5) f - 0.5 (checked), and so do the landmarks here.
 * (src/face/alignFace warps straight from the photo: right for the service's single photos.)
 * @returns RGB HWC uint8 of size x size.
 */
export async function alignToTemplate(photo: PhotoSource, landmarks: readonly Point[], size: number): Promise<Uint8Array> {
  const template = fivePointsToArray(templateAt(size));
  const { width, height } = await dimensions(photo);
  const f = Math.min(1, similarityTransform(landmarks, template).scale);
  const w = Math.max(1, Math.round(width * f));
  const h = Math.max(1, Math.round(height * f));
  const [fx, fy] = [w / width, h / height];
  let pipeline = open(photo);
  if (f < 1) pipeline = pipeline.resize(w, h, { fit: 'fill', kernel: 'linear' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.width !== w || info.height !== h || info.channels !== 3) {
    throw new Error(`alignToTemplate: expected a ${w}x${h} RGB image, but got ${info.width}x${info.height}x${info.channels}`);
  }
  const shrunk = landmarks.map(([x, y]) => [(x + 0.5) * fx - 0.5, (y + 0.5) * fy - 0.5] as const);
  const { matrix } = similarityTransform(shrunk, template);
  const image = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: w, height: h, channels: 3 };
  return warpAffine(image, matrix, { width: size, height: size, border: 'replicate' }).data as Uint8Array;
}

function open(photo: PhotoSource): Sharp {
  if (typeof photo === 'string' || Buffer.isBuffer(photo)) {
    return sharp(photo, { failOn: 'error' }).rotate().removeAlpha().toColourspace('srgb');
  }
  const raw = Buffer.from(photo.data.buffer, photo.data.byteOffset, photo.data.length);
  return sharp(raw, { raw: { width: photo.width, height: photo.height, channels: 3 } });
}

/** Size after EXIF orientation (what the landmarks refer to). */
async function dimensions(photo: PhotoSource): Promise<{ width: number; height: number }> {
  if (typeof photo !== 'string' && !Buffer.isBuffer(photo)) return photo;
  const meta = await sharp(photo, { failOn: 'error' }).metadata();
  const oriented = meta.autoOrient ?? meta;
  if (!oriented.width || !oriented.height) throw new Error('alignToTemplate: the image has no size');
  return { width: oriented.width, height: oriented.height };
}
