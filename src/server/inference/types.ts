import type { ImageUpload } from '../upload/inspectUpload.ts';
import type { OUTPUT_FORMATS } from '../constants.ts';
import type { CompositeMode } from '../../face/composite.ts';
import type { AlignMode, EditOp, FaceLocation } from '../../edit/types.ts';

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type { AlignMode, CompositeMode, FaceLocation };
export type InferenceOp = EditOp;

/**
 * One image request as sent to a pool worker. Image order: swap [a, b]; remove [image];
 * transfer [target, exemplar] or [target, exemplar0..exemplar3].
 */
export interface InferenceTask {
  op: InferenceOp;
  model: { id: string; dir: string };
  align: AlignMode;
  /** Face to use in each photo when align is auto; null = the largest. */
  faceIndex: number | null;
  composite: CompositeMode;
  /** Encoding of every returned image but masks; null = PNG for faces and crops, JPEG for photos. */
  format: OutputFormat | null;
  maxPixels: number;
  images: ImageUpload[];
  /** transfer: scale of the exemplar's (or the mix's) object part (lambda in docs/model.md "Inference operations", (M7)). */
  strength?: number;
  /** transfer with four exemplars: one mix with these weights. */
  weights?: number[];
  /** transfer with four exemplars and no weights: side of the bilinear matrix (docs/model.md "Inference operations", (M9)). */
  matrixSide?: number;
}

/** An input as the model saw it, encoded in the requested format. */
export interface EncodedInput {
  field: string;
  crop: Uint8Array;
  face: FaceLocation | null;
  width: number;
  height: number;
}

export interface EncodedOutput {
  crop: Uint8Array;
  /** Pasted back into the original photo (align auto only). */
  photo: Uint8Array | null;
  /** Residual composition: where the crop was changed, as a grey PNG on the crop's geometry. */
  mask: Uint8Array | null;
}

export interface MatrixCell {
  /** Grid coordinates in [0, 1]: a down the rows, b across the columns. */
  a: number;
  b: number;
  /** Bilinear weights of exemplars 0..3: (1-a)(1-b), (1-a)b, a(1-b), ab. */
  weights: number[];
  image: Uint8Array;
}

export interface InferenceResult {
  inputs: EncodedInput[];
  /** By name: A0, Bu (swap); A0 (remove); Bu (transfer single or mix). */
  outputs: Record<string, EncodedOutput>;
  matrix: { side: number; grid: Uint8Array; cells: MatrixCell[] } | null;
  /** The encodings used for faces/crops and for whole photos. */
  formats: { crop: OutputFormat; photo: OutputFormat };
  /** Time spent inside the worker. */
  runMs: number;
}
