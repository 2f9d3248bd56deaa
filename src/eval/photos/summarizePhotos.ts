import { COMPOSITE_MODES, type CompositeMode } from '../../face/composite.ts';
import { CHANGED_LEVELS, FACE_REGIONS } from './constants.ts';
import type { FaceScores } from './scoreFace.ts';
import type { PhotoFaceRow } from './types.ts';

const SCORE_KEYS = ['identity', 'sharpness', 'changedShare', 'eyeBandDarkening', 'lowerFacePsnr', 'facePsnr'] as const satisfies readonly (keyof FaceScores)[];

/** Median of a list (mean of the middle two for even lengths); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per composite, the median over the rows of every score. */
export function medianScores(rows: readonly PhotoFaceRow[]): Record<CompositeMode, FaceScores> {
  const of = (mode: CompositeMode) => Object.fromEntries(SCORE_KEYS.map((k) => [k, median(rows.map((r) => r.scores[mode][k]))])) as unknown as FaceScores;
  return Object.fromEntries(COMPOSITE_MODES.map((m) => [m, of(m)])) as Record<CompositeMode, FaceScores>;
}

const rect = (r: { x0: number; x1: number; y0: number; y1: number }) => `x ${r.x0}..${r.x1}, y ${r.y0}..${r.y1}`;

/** What each number means, written into photos.json so the file explains itself. */
export const PHOTO_DEFINITIONS: Record<string, string> = {
  regions: `aligned-face fractions (eyes at y 0.51, mouth at y 0.74 of the aligned square), mapped into the photo: face ${rect(FACE_REGIONS.face)}; eye band ${rect(FACE_REGIONS.eyeBand)}; lower face ${rect(FACE_REGIONS.lowerFace)}`,
  identity: 'cosine similarity of faceres (@vladmandic/human) descriptors of input and output face, both cropped from the photo as Human does (FaceMesh box x1.4, square, upright, 192 px, then 224 px)',
  sharpness: 'variance of the 4-neighbour Laplacian of luma over the face region, output / input',
  changedShare: `share of all photo pixels where some channel differs by more than ${CHANGED_LEVELS} levels`,
  eyeBandDarkening: '1 - mean luma of the eye band, output / input (0.15 = 15% darker)',
  lowerFacePsnr: 'PSNR (dB, peak 255, RGB) of the lower face region, output vs input',
  facePsnr: 'PSNR (dB, peak 255, RGB) of the face region, output vs input',
  differentPeople: 'cosine similarity of the input descriptors of B and its exemplar A: the scale of "another person"',
};
