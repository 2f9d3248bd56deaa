import type { FaceFactors } from './types.ts';

/**
 * factors.csv: the ground truth of every synthetic image, one row per image (issue 3).
 * Flat columns so that eval code and spreadsheets can read it without this module.
 */
export const FACTOR_COLUMNS = [
  'image', 'glasses', 'glasses_type', 'glasses_color', 'glasses_tint', 'lens_color', 'smiling', 'bangs', 'bangs_style',
  'bangs_length', 'light', 'light_strength', 'skin_tone', 'face_width', 'jaw', 'chin_y', 'hairline_y', 'hair_style',
  'hair_color', 'eye_color', 'eye_size', 'brow_style', 'brow_thickness', 'nose_length', 'nose_width', 'mouth_width',
  'lip_color', 'ear_size', 'background_top', 'background_bottom', 'shirt_color', 'rotation', 'scale', 'dx', 'dy',
] as const;

export type FactorColumn = (typeof FACTOR_COLUMNS)[number];

export function imageName(index: number): string {
  return `${String(index).padStart(6, '0')}.jpg`;
}

export function formatFactorsRow(f: FaceFactors): string {
  const { identity: id, attributes: a, pose: p } = f;
  const g = a.glasses;
  const values: Record<FactorColumn, string | number> = {
    image: imageName(f.index),
    glasses: g ? 1 : 0,
    glasses_type: g?.type ?? 'none',
    glasses_color: g?.color ?? 'none',
    glasses_tint: g?.tint ?? 'none',
    lens_color: g?.lensColor ?? 'none',
    smiling: a.smiling ? 1 : 0,
    bangs: a.bangs ? 1 : 0,
    bangs_style: a.bangs?.style ?? 'none',
    bangs_length: a.bangs?.length ?? 0,
    light: a.lighting.direction,
    light_strength: a.lighting.strength,
    skin_tone: id.skinTone, face_width: id.faceWidth, jaw: id.jaw, chin_y: id.chinY, hairline_y: id.hairlineY,
    hair_style: id.hairStyle, hair_color: id.hairColor, eye_color: id.eyeColor, eye_size: id.eyeSize,
    brow_style: id.browStyle, brow_thickness: id.browThickness, nose_length: id.noseLength, nose_width: id.noseWidth,
    mouth_width: id.mouthWidth, lip_color: id.lipColor, ear_size: id.earSize,
    background_top: id.backgroundTop, background_bottom: id.backgroundBottom, shirt_color: id.shirtColor,
    rotation: p.rotation, scale: p.scale, dx: p.dx, dy: p.dy,
  };
  return FACTOR_COLUMNS.map((c) => values[c]).join(',');
}

export function factorsHeader(): string {
  return FACTOR_COLUMNS.join(',');
}
