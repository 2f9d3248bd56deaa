/**
 * Shared types of the face pipeline (docs/face.md "Alignment, step by step").
 *
 * Coordinates are image pixels with the pixel-centre convention: pixel (col, row) has its centre
 * at (x, y) = (col, row), so the image spans [-0.5, width - 0.5] (the OpenCV convention).
 */

/** A point (x, y) in pixels. */
export type Point = readonly [number, number];

/**
 * A 2x3 affine matrix [[a, b, c], [d, e, f]]: x' = a x + b y + c, y' = d x + e y + f.
 */
export type Affine2x3 = readonly [readonly [number, number, number], readonly [number, number, number]];

/** A least-squares similarity (rotation + uniform scale + shift, no reflection). */
export interface SimilarityTransform {
  /** Maps source points (e.g. a photo) onto destination points (e.g. the template). */
  matrix: Affine2x3;
  /** Maps destination points back onto the source (used for warping and paste-back). */
  inverse: Affine2x3;
  /** Uniform scale factor of `matrix`. */
  scale: number;
  /** Rotation of `matrix` in radians (counter-clockwise in x-right / y-down image axes is positive y). */
  rotation: number;
  /** Root-mean-square distance (destination pixels) between mapped source points and the targets. */
  rmsError: number;
}

/** A raw interleaved 8-bit or float image, row-major, `channels` values per pixel (RGB or RGBA). */
export interface RawImage<T extends Uint8Array | Uint8ClampedArray | Float32Array = Uint8Array | Uint8ClampedArray | Float32Array> {
  data: T;
  width: number;
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: number;
}

/** What the warp does with samples that fall outside the source image. */
export type BorderMode = 'constant' | 'replicate';

export interface WarpAffineOptions {
  /** Output width in pixels. */
  width: number;
  /** Output height in pixels. */
  height: number;
  /** Default 'constant'. */
  border?: BorderMode;
  /** Value of every channel outside the source when border is 'constant'; default 0. */
  borderValue?: number;
}

/** The five alignment points in image order (docs/face.md "Landmarks and the five points"). */
export interface FivePoints {
  /** Eye on the viewer's left (the subject's right eye). */
  leftEye: Point;
  /** Eye on the viewer's right (the subject's left eye). */
  rightEye: Point;
  nose: Point;
  /** Mouth corner on the viewer's left. */
  leftMouth: Point;
  /** Mouth corner on the viewer's right. */
  rightMouth: Point;
}

/** A decoded, upright (EXIF applied) 8-bit RGB photo. */
export interface Photo extends RawImage<Uint8Array> {
  channels: 3;
  /** EXIF orientation the file carried (1 = already upright); the pixels are already rotated. */
  orientation: number;
}

/** An axis-aligned box in photo pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A face found in a photo. Faces are numbered left to right by box centre. */
export interface DetectedFace {
  index: number;
  box: Box;
  /** The five alignment points in photo pixels. */
  points: FivePoints;
  /** All 468 FaceMesh points (x, y) in photo pixels. */
  landmarks: Point[];
  /** Rough head yaw in degrees (meshYaw); above ~45 the face is too turned to align well. */
  yaw: number;
}

/** A face warped onto the template at `size` px. */
export interface AlignedFace extends DetectedFace {
  size: number;
  /** Photo -> crop (matrix) and crop -> photo (inverse), for paste-back. */
  transform: SimilarityTransform;
  /** size x size RGB, 8-bit. */
  crop: RawImage<Uint8Array>;
}

/** Which faces align() returns: the largest box, all (left to right), or one index (left to right). */
export type FaceSelection = 'largest' | 'all' | number;
