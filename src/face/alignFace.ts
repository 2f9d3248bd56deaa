import { similarityTransform } from './similarityTransform.ts';
import { fivePointsToArray, templateAt } from './template.ts';
import { warpAffine } from './warpAffine.ts';
import type { BorderMode, FivePoints, RawImage, SimilarityTransform } from './types.ts';

export interface AlignFaceOptions {
  /** Output side in pixels (square). */
  size: number;
  /** Outside the photo: 'constant' (default, black like OpenCV) or 'replicate'. */
  border?: BorderMode;
  borderValue?: number;
  /** Weights of the five points in the fit (FIVE_POINT_ORDER); default equal (plain least squares). */
  weights?: readonly number[];
}

/**
 * Aligns one face whose five points are known (from FaceMesh, or from CelebA's landmark lists):
 * least-squares similarity of the points onto the template at `size`, then an inverse-mapped
 * bilinear warp (docs/face.md "Similarity transform" (F1, F2) and "Warp").
 * Returns the size x size crop (same pixel type and channels as the photo) and the transform.
 */
export function alignFace<D extends Uint8Array | Uint8ClampedArray | Float32Array>(photo: RawImage<D>, points: FivePoints, options: AlignFaceOptions): { crop: RawImage<D>; transform: SimilarityTransform } {
  const { size, border = 'constant', borderValue = 0, weights } = options;
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`alignFace: expected size to be a positive integer, but got ${size}`);
  const transform = similarityTransform(fivePointsToArray(points), fivePointsToArray(templateAt(size)), weights);
  const crop = warpAffine(photo, transform.matrix, { width: size, height: size, border, borderValue });
  return { crop, transform };
}
