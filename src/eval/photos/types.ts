import type { CompositeMode } from '../../face/composite.ts';
import type { FaceLocation } from '../../edit/types.ts';
import type { SkippedPhoto } from './readPhotos.ts';
import type { FaceScores } from './scoreFace.ts';

/** One face B edited by a swap with exemplar A, scored for both composites. */
export interface PhotoFaceRow {
  /** B's photo (file name) and the face chosen in it (its largest). */
  photo: string;
  face: FaceLocation;
  /** Side in photo pixels of B's aligned square: how much resolution the face has. */
  nativeSide: number;
  /** A's photo (file name). */
  exemplar: string;
  /** Cosine of B's and A's input descriptors: what "a different person" scores, for scale. */
  differentPeople: number;
  scores: Record<CompositeMode, FaceScores>;
}

/** One model's results on the photo folder. */
export interface PhotoModelResult {
  /** Folder name of the model. */
  label: string;
  dir: string;
  attribute: string | null;
  imageSize: number;
  /** Median over the faces of every score, per composite. */
  medians: Record<CompositeMode, FaceScores>;
  medianDifferentPeople: number;
  rows: PhotoFaceRow[];
  /** Pairs that could not be edited (no face, face too small for residual...). */
  skipped: SkippedPhoto[];
  /** File name of the contact sheet in the report folder, or null without --out. */
  contactSheet: string | null;
}

/** photos.json (PHOTOS_FORMAT_VERSION). */
export interface PhotoMetrics {
  formatVersion: number;
  kind: 'photos';
  /** The photo folder. */
  photos: string;
  /** cyclic: each photo's largest face as B, the next photo's as A; exemplar: one A for all. */
  pairing: 'cyclic' | 'exemplar';
  exemplar: string | null;
  models: PhotoModelResult[];
  /** Photos that could not be used at all (undecodable, no face). */
  skipped: SkippedPhoto[];
  definitions: Record<string, string>;
  seconds: number;
}
