import type { Affine2x3, Box } from '../../face/types.ts';
import { FACE_REGIONS } from './constants.ts';
import { regionInPhoto, type PhotoRegion, changedShare, laplacianVariance, meanLuma, regionPsnr, type Rgb8 } from './pixelMetrics.ts';
import { cosineSimilarity, type FaceIdentity } from './faceIdentity.ts';

/** What one composite did to one face (docs/eval.md "Real photos" defines each). */
export interface FaceScores {
  /** Cosine similarity of faceres descriptors, input face vs output face (same crop). */
  identity: number;
  /** Variance of the Laplacian in the face region, output over input. */
  sharpness: number;
  /** Share of all photo pixels changed by more than CHANGED_LEVELS in some channel. */
  changedShare: number;
  /** 1 - output/input mean luma of the eye band: 0.2 = 20% darker, negative = brighter. */
  eyeBandDarkening: number;
  /** PSNR (dB) of the lower face, output vs input. */
  lowerFacePsnr: number;
  /** PSNR (dB) of the whole face region, output vs input. */
  facePsnr: number;
}

/** The input's side of the comparison, computed once per face and shared by both composites. */
export interface FaceReference {
  photo: Rgb8;
  regions: { face: PhotoRegion; eyeBand: PhotoRegion; lowerFace: PhotoRegion };
  /** FaceMesh box of the face in the photo: where Human would crop it for faceres. */
  box: Box;
  descriptor: Float32Array;
  sharpness: number;
  eyeBandLuma: number;
}

/**
 * Measures the input face once: its regions (FACE_REGIONS mapped through the alignment), its
 * faceres descriptor, Laplacian variance and eye-band brightness.
 * @param toModel photo pixel -> aligned crop pixel at `size` (the edit's own alignment).
 */
export async function faceReference(photo: Rgb8, box: Box, toModel: Affine2x3, size: number, identity: FaceIdentity): Promise<FaceReference> {
  const regions = {
    face: regionInPhoto(photo, toModel, size, FACE_REGIONS.face),
    eyeBand: regionInPhoto(photo, toModel, size, FACE_REGIONS.eyeBand),
    lowerFace: regionInPhoto(photo, toModel, size, FACE_REGIONS.lowerFace),
  };
  return {
    photo,
    regions,
    box,
    descriptor: await identity.embed(photo, box),
    sharpness: laplacianVariance(photo, regions.face),
    eyeBandLuma: meanLuma(photo, regions.eyeBand),
  };
}

/** Scores one output photo (the whole photo with the edit pasted in) against its input. */
export async function scoreOutput(reference: FaceReference, output: Rgb8, identity: FaceIdentity): Promise<FaceScores> {
  const { regions } = reference;
  return {
    identity: cosineSimilarity(reference.descriptor, await identity.embed(output, reference.box)),
    sharpness: reference.sharpness > 0 ? laplacianVariance(output, regions.face) / reference.sharpness : 1,
    changedShare: changedShare(reference.photo, output),
    eyeBandDarkening: reference.eyeBandLuma > 0 ? 1 - meanLuma(output, regions.eyeBand) / reference.eyeBandLuma : 0,
    lowerFacePsnr: regionPsnr(reference.photo, output, regions.lowerFace),
    facePsnr: regionPsnr(reference.photo, output, regions.face),
  };
}
