import type { ChangeMaskOptions, CompositeMode } from '../face/composite.ts';
import type { Photo, RawImage, SimilarityTransform } from '../face/types.ts';

/** 8-bit RGB, row-major, 3 bytes a pixel. */
export type Rgb = RawImage<Uint8Array>;

export type EditOp = 'swap' | 'remove' | 'transfer';
export type AlignMode = 'auto' | 'none';

/**
 * One edit of decoded images. Image order: swap [a, b]; remove [image]; transfer [target,
 * exemplar] or [target, exemplar0..exemplar3].
 */
export interface EditRequest {
  op: EditOp;
  /** Decoded, upright 8-bit RGB images with their names for error messages (form fields, files). */
  images: { name: string; image: Rgb }[];
  /** auto: find, align and paste back faces in photos; none: each image already is an aligned face. */
  align: AlignMode;
  /** Face to use in each photo when align is auto; null = the largest. */
  faceIndex: number | null;
  composite: CompositeMode;
  /** Residual composition's change mask (changeMaskOf(manifest)); default CHANGE_MASK. */
  changeMask?: ChangeMaskOptions;
  /** swap and transfer: scale of the exemplar's (or the mix's) object part on the target (docs/model.md "Inference operations", (M7)); default 1. */
  strength?: number;
  /** transfer with four exemplars: one mix with these weights. */
  weights?: number[];
  /** transfer with four exemplars and no weights: side of the bilinear matrix. */
  matrixSide?: number;
}

export interface FaceLocation {
  index: number;
  count: number;
  box: { x: number; y: number; width: number; height: number };
}

/** One input brought to the model's size, with what composition needs to go back to its pixels. */
export interface PreparedInput {
  name: string;
  /** The decoded input at its own size (the photo for align auto). */
  image: Photo;
  /** size x size RGB, what the model sees. */
  crop: Rgb;
  face: FaceLocation | null;
  /** Input pixel -> model crop pixel: the alignment (auto) or the centred square resize (none). */
  toModel: SimilarityTransform['matrix'];
  /** Side in input pixels of the aligned square (auto) or of the centred square (none). */
  nativeSide: number;
}

/** One generated result. */
export interface EditedImage {
  /** Index of the input it edits. */
  input: number;
  /**
   * The face as the answer shows it: replace, the model's size x size output; residual, the
   * input's aligned face at its own resolution (at most MAX_FACE_SIDE) with the change added, or
   * for align none the whole input at its own size.
   */
  crop: Rgb;
  /** align auto: the whole photo with the face edited; null for align none. */
  photo: Rgb | null;
  /** residual: the change mask on `crop` (0 = the input's own pixels, 255 = the full change); null for replace. */
  mask: RawImage<Uint8Array> | null;
}

export interface EditedMatrix {
  side: number;
  /** Row-major cells, cell k at a = floor(k / side) / (side - 1), b = (k % side) / (side - 1). */
  cells: Rgb[];
  /** Bilinear weights of exemplars 0..3 per cell: (1-a)(1-b), (1-a)b, a(1-b), ab. */
  weights: number[][];
}

export interface EditResult {
  inputs: PreparedInput[];
  /** By name: A0, Bu (swap); A0 (remove); Bu (transfer single or mix); none for the matrix. */
  outputs: Record<string, EditedImage>;
  matrix: EditedMatrix | null;
}
