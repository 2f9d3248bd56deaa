import { FIVE_POINT_ORDER, TEMPLATE_128, TEMPLATE_BASE_SIZE } from './constants.ts';
import type { FivePoints, Point } from './types.ts';

/**
 * The 5-point alignment template scaled to a square output of `size` pixels.
 * The template is given at 128 px and halved for 64 px (docs/face.md "Template"), so points scale
 * by size/128: a plain multiply; the sub-pixel half-pixel offset is ignored on purpose.
 */
export function templateAt(size: number): FivePoints {
  if (!Number.isFinite(size) || size <= 0) {
    throw new RangeError(`templateAt: expected a positive size in pixels, but got ${size}`);
  }
  const s = size / TEMPLATE_BASE_SIZE;
  const scaled = {} as Record<keyof FivePoints, Point>;
  for (const key of FIVE_POINT_ORDER) {
    const [x, y] = TEMPLATE_128[key];
    scaled[key] = [x * s, y * s];
  }
  return scaled;
}

/** The five points as an array in FIVE_POINT_ORDER (left eye, right eye, nose, left mouth, right mouth). */
export function fivePointsToArray(points: FivePoints): Point[] {
  return FIVE_POINT_ORDER.map((key) => points[key]);
}

/** Inverse of fivePointsToArray; throws when the array does not hold exactly five points. */
export function fivePointsFromArray(points: readonly Point[]): FivePoints {
  if (points.length !== FIVE_POINT_ORDER.length) {
    throw new RangeError(`fivePointsFromArray: expected ${FIVE_POINT_ORDER.length} points, but got ${points.length}`);
  }
  const out = {} as Record<keyof FivePoints, Point>;
  FIVE_POINT_ORDER.forEach((key, i) => (out[key] = points[i]));
  return out;
}
