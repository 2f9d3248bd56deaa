import { applyAffine } from './similarityTransform.ts';
import { checkImage, makeSampler } from './warpAffine.ts';
import { PASTE_MASK } from './constants.ts';
import type { Affine2x3, RawImage, SimilarityTransform } from './types.ts';

export type PasteMaskShape = { centerX: number; centerY: number; radiusX: number; radiusY: number; feather: number };

/**
 * Puts a generated face back into the photo it was aligned from (docs/face.md "Paste-back", (F3)): every photo pixel
 * near the face is mapped into the crop with `transform.matrix` (photo -> crop, as returned by
 * alignment at the crop's size), the crop is sampled bilinearly and blended with the feathered
 * elliptical mask (PASTE_MASK). Pixels where the mask is 0 are copied unchanged, bit for bit.
 * `generated`: square RGB crop, 8-bit 0..255 or float [0, 1] (a model output); `photo`: 8-bit RGB.
 * Returns a new photo; the input is not modified.
 */
export function pasteBack<T extends RawImage<Uint8Array>>(photo: T, generated: RawImage, transform: Pick<SimilarityTransform, 'matrix' | 'inverse'>, shape: PasteMaskShape = PASTE_MASK): T {
  checkInputs(photo, generated);
  const out = { ...photo, data: new Uint8Array(photo.data) } as T;
  const scale = generated.data instanceof Float32Array ? 255 : 1;
  const sample = makeSampler(generated, { border: 'replicate' });
  const value = new Float64Array(generated.channels);
  const region = coveredRegion(photo, generated.width, transform.inverse);
  const m = transform.matrix;
  for (let y = region.y0; y <= region.y1; y++) {
    for (let x = region.x0; x <= region.x1; x++) {
      const u = m[0][0] * x + m[0][1] * y + m[0][2];
      const v = m[1][0] * x + m[1][1] * y + m[1][2];
      const alpha = maskValue(u, v, generated.width, shape);
      if (alpha <= 0) continue;
      sample(u, v, value);
      const base = (y * photo.width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const blended = alpha * value[c] * scale + (1 - alpha) * photo.data[base + c];
        out.data[base + c] = blended <= 0 ? 0 : blended >= 255 ? 255 : Math.floor(blended + 0.5);
      }
    }
  }
  return out;
}

/**
 * The paste-back mask over the whole photo (width*height values in [0, 1], row-major): the same
 * weights pasteBack blends with. For previews and for checking that nothing outside changes.
 */
export function pasteMask(photo: { width: number; height: number }, cropSize: number, matrix: Affine2x3, shape: PasteMaskShape = PASTE_MASK): Float32Array {
  const mask = new Float32Array(photo.width * photo.height);
  for (let y = 0; y < photo.height; y++) {
    for (let x = 0; x < photo.width; x++) {
      const [u, v] = applyAffine(matrix, [x, y]);
      mask[y * photo.width + x] = maskValue(u, v, cropSize, shape);
    }
  }
  return mask;
}

/** Mask weight at crop point (u, v): 1 well inside the ellipse, smooth fall to 0 at its edge. */
export function maskValue(u: number, v: number, size: number, shape: PasteMaskShape): number {
  if (u < 0 || v < 0 || u > size - 1 || v > size - 1) return 0; // only where the crop has pixels
  const dx = (u - shape.centerX * size) / (shape.radiusX * size);
  const dy = (v - shape.centerY * size) / (shape.radiusY * size);
  const r = Math.sqrt(dx * dx + dy * dy);
  if (r >= 1) return 0;
  const t = Math.min(1, (1 - r) / shape.feather);
  return t * t * (3 - 2 * t); // smoothstep: no visible ring at either end of the feather
}

/**
 * Pixel rectangle of an image covered by a size x size crop (the crop's corners mapped through
 * `inverse`, crop -> image), clipped to the image: the only pixels paste-back and composition visit.
 * `box` (crop coordinates, default the whole crop and one pixel around it) narrows it to a part.
 */
export function coveredRegion(photo: { width: number; height: number }, size: number, inverse: Affine2x3, box = { x0: -1, y0: -1, x1: size, y1: size }) {
  const corners = [[box.x0, box.y0], [box.x1, box.y0], [box.x0, box.y1], [box.x1, box.y1]].map((p) => applyAffine(inverse, p as [number, number]));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return {
    x0: Math.max(0, Math.floor(Math.min(...xs))),
    x1: Math.min(photo.width - 1, Math.ceil(Math.max(...xs))),
    y0: Math.max(0, Math.floor(Math.min(...ys))),
    y1: Math.min(photo.height - 1, Math.ceil(Math.max(...ys))),
  };
}

function checkInputs(photo: RawImage, generated: RawImage): void {
  checkImage(photo);
  checkImage(generated);
  if (!(photo.data instanceof Uint8Array) || photo.channels !== 3) {
    throw new RangeError(`pasteBack: expected an 8-bit RGB photo, but got ${photo.data.constructor.name} with ${photo.channels} channels`);
  }
  if (generated.width !== generated.height || generated.channels !== 3) {
    throw new RangeError(`pasteBack: expected a square RGB crop, but got ${generated.width}x${generated.height}x${generated.channels}`);
  }
}
