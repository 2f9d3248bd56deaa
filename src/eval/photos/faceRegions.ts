import { applyAffine, invertAffine } from '../../face/similarityTransform.ts';
import type { Affine2x3 } from '../../face/types.ts';
import type { AlignedRect } from './constants.ts';

/**
 * The photo pixels of an aligned-face region: a bounding rectangle of the photo and, inside it, a
 * 0/1 flag per pixel (row-major, width x height) telling whether the pixel's centre maps into the
 * region. Tilted faces give a tilted region, as they should.
 */
export interface PhotoRegion {
  x0: number;
  y0: number;
  width: number;
  height: number;
  inside: Uint8Array;
  /** Pixels flagged inside. */
  count: number;
}

/**
 * Maps an aligned-face rectangle (fractions of the aligned square) into the photo.
 * @param photo the photo's size in pixels.
 * @param toModel photo pixel -> aligned crop pixel (the alignment matrix at the crop's size).
 * @param size side of that aligned crop in pixels (the model's size).
 */
export function regionInPhoto(photo: { width: number; height: number }, toModel: Affine2x3, size: number, rect: AlignedRect): PhotoRegion {
  if (!(rect.x1 > rect.x0 && rect.y1 > rect.y0)) {
    throw new RangeError(`regionInPhoto: expected x0 < x1 and y0 < y1, but got x ${rect.x0}..${rect.x1}, y ${rect.y0}..${rect.y1}`);
  }
  // Pixel-centre convention: a crop spans [-0.5, size - 0.5], so fraction f sits at f * size - 0.5.
  const lo = (f: number) => f * size - 0.5;
  const back = invertAffine(toModel);
  const corners = [
    [lo(rect.x0), lo(rect.y0)], [lo(rect.x1), lo(rect.y0)], [lo(rect.x0), lo(rect.y1)], [lo(rect.x1), lo(rect.y1)],
  ].map((p) => applyAffine(back, p as [number, number]));
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1]))));
  const x1 = Math.min(photo.width - 1, Math.ceil(Math.max(...corners.map((p) => p[0]))));
  const y1 = Math.min(photo.height - 1, Math.ceil(Math.max(...corners.map((p) => p[1]))));
  const width = Math.max(0, x1 - x0 + 1);
  const height = Math.max(0, y1 - y0 + 1);
  const inside = new Uint8Array(width * height);
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = applyAffine(toModel, [x0 + x, y0 + y]);
      if (u >= lo(rect.x0) && u <= lo(rect.x1) && v >= lo(rect.y0) && v <= lo(rect.y1)) {
        inside[y * width + x] = 1;
        count++;
      }
    }
  }
  if (count === 0) {
    throw new RangeError(`regionInPhoto: expected the region x ${rect.x0}..${rect.x1}, y ${rect.y0}..${rect.y1} to cover photo pixels, but it lies outside the ${photo.width}x${photo.height} photo`);
  }
  return { x0, y0, width, height, inside, count };
}

/** Calls fn(x, y) with photo coordinates for every pixel of the region. */
export function forEachInRegion(region: PhotoRegion, fn: (x: number, y: number) => void): void {
  for (let y = 0; y < region.height; y++) {
    for (let x = 0; x < region.width; x++) {
      if (region.inside[y * region.width + x]) fn(region.x0 + x, region.y0 + y);
    }
  }
}
