import { FIVE_POINT_ORDER } from './constants.ts';
import type { DetectedFace, RawImage } from './types.ts';

/** Colours of the overlay: box outline and the five points (RGB). */
const BOX_RGB = [0, 255, 0] as const;
const POINT_RGB = [255, 40, 40] as const;

/**
 * A copy of an 8-bit RGB photo with each face's box outlined and its five points marked, so a person
 * can check what was detected (`genegan align --preview`). Line width and dot size scale with the
 * photo (about 1/400 of its longer side, at least 1 px).
 */
export function drawFaceOverlay<T extends RawImage<Uint8Array>>(photo: T, faces: readonly DetectedFace[]): T {
  const out = { ...photo, data: new Uint8Array(photo.data) } as T;
  const thick = Math.max(1, Math.round(Math.max(photo.width, photo.height) / 400));
  for (const face of faces) {
    const { x, y, width, height } = face.box;
    fillRect(out, x - thick, y - thick, width + 2 * thick, thick, BOX_RGB);
    fillRect(out, x - thick, y + height, width + 2 * thick, thick, BOX_RGB);
    fillRect(out, x - thick, y, thick, height, BOX_RGB);
    fillRect(out, x + width, y, thick, height, BOX_RGB);
    for (const key of FIVE_POINT_ORDER) {
      const [px, py] = face.points[key];
      fillRect(out, px - thick * 1.5, py - thick * 1.5, thick * 3, thick * 3, POINT_RGB);
    }
  }
  return out;
}

function fillRect(img: RawImage<Uint8Array>, x: number, y: number, w: number, h: number, rgb: readonly number[]): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(img.width, Math.round(x + w));
  const y1 = Math.min(img.height, Math.round(y + h));
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) img.data.set(rgb, (row * img.width + col) * img.channels);
  }
}
