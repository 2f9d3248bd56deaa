import { readFile } from 'node:fs/promises';
import type { Bangs, FaceFactors, FaceIdentity, Glasses, Lighting } from './types.ts';

/**
 * factors.csv: the ground truth of every synthetic image, one row per image
 * (docs/data.md "Synthetic faces").
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

/**
 * The inverse of formatFactorsRow: the full ground truth of one image from its factors.csv cells
 * (in `header` order), so a face can be drawn again at any size or with one factor changed.
 * Numbers round-trip exactly (they are written with JavaScript's shortest representation).
 * Throws a RangeError naming the column when a cell is missing or not a number.
 */
export function parseFactorsRow(header: readonly string[], cells: readonly string[]): FaceFactors {
  if (cells.length !== header.length) throw new RangeError(`factors.csv: expected ${header.length} values, but got ${cells.length}`);
  const at = new Map(header.map((h, i) => [h, cells[i]]));
  const text = (c: FactorColumn): string => {
    const v = at.get(c);
    if (v === undefined) throw new RangeError(`factors.csv: expected a "${c}" column, but the header has ${header.join(', ')}`);
    return v;
  };
  const num = (c: FactorColumn): number => {
    const v = Number(text(c));
    if (text(c).trim() === '' || !Number.isFinite(v)) throw new RangeError(`factors.csv: expected a number in "${c}", but got "${text(c)}"`);
    return v;
  };
  const name = text('image');
  const index = Number(name.replace(/\.jpg$/, ''));
  if (!/^\d+\.jpg$/.test(name) || !(index >= 1)) throw new RangeError(`factors.csv: expected an image name like 000001.jpg, but got "${name}"`);
  const tinted = text('glasses_tint') === 'tinted';
  return {
    index,
    identity: {
      skinTone: text('skin_tone'), faceWidth: num('face_width'), jaw: num('jaw'), chinY: num('chin_y'), hairlineY: num('hairline_y'),
      hairStyle: text('hair_style') as FaceIdentity['hairStyle'], hairColor: text('hair_color'), eyeColor: text('eye_color'),
      eyeSize: num('eye_size'), browStyle: text('brow_style') as FaceIdentity['browStyle'], browThickness: num('brow_thickness'),
      noseLength: num('nose_length'), noseWidth: num('nose_width'), mouthWidth: num('mouth_width'), lipColor: text('lip_color'),
      earSize: num('ear_size'), backgroundTop: text('background_top'), backgroundBottom: text('background_bottom'), shirtColor: text('shirt_color'),
    },
    pose: { rotation: num('rotation'), scale: num('scale'), dx: num('dx'), dy: num('dy') },
    attributes: {
      glasses: num('glasses') === 1
        ? { type: text('glasses_type') as Glasses['type'], color: text('glasses_color'), tint: tinted ? 'tinted' : 'clear', lensColor: text('lens_color') }
        : null,
      smiling: num('smiling') === 1,
      bangs: num('bangs') === 1 ? { style: text('bangs_style') as Bangs['style'], length: num('bangs_length') } : null,
      lighting: { direction: text('light') as Lighting['direction'], strength: num('light_strength') },
    },
  };
}

/**
 * Every face of a synthetic set's factors.csv, by image name ("000001.jpg"). Errors name the file
 * and line.
 */
export async function readFaceFactors(file: string): Promise<Map<string, FaceFactors>> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const header = lines[0].split(',');
  const faces = new Map<string, FaceFactors>();
  for (let n = 1; n < lines.length; n++) {
    if (lines[n].trim() === '') continue;
    try {
      const f = parseFactorsRow(header, lines[n].split(','));
      faces.set(imageName(f.index), f);
    } catch (err) {
      throw new RangeError(`${file}:${n + 1}: ${(err as Error).message.replace(/^factors\.csv: /, '')}`);
    }
  }
  return faces;
}
