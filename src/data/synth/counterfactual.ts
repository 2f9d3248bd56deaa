import { renderFaceRgb, type RgbRaster } from './renderFace.ts';
import { synthAttributes } from './synthAttributes.ts';
import type { FaceAttributes, FaceFactors } from './types.ts';

/** Attributes whose counterfactuals the synthetic faces can draw exactly. */
export const COUNTERFACTUAL_ATTRIBUTES = ['Eyeglasses', 'Smiling', 'Bangs', 'Side_Lit'] as const;
export type CounterfactualAttribute = (typeof COUNTERFACTUAL_ATTRIBUTES)[number];

/** The true answers of a swap of one pair: what a perfect generator would draw. */
export interface Counterfactual {
  /** B's identity, pose and other attributes, with A's "object": the true Bu. */
  bu: FaceFactors;
  /** A without the attribute, everything else kept: the true A0. */
  a0: FaceFactors;
}

/** The attribute's canonical name (case-insensitive, as eval matches attributes), or null when unsupported. */
export function counterfactualAttribute(name: string): CounterfactualAttribute | null {
  return COUNTERFACTUAL_ATTRIBUTES.find((a) => a.toLowerCase() === name.toLowerCase()) ?? null;
}

/**
 * The ground-truth Bu and A0 of a test pair (A with the attribute, B without). Only the factors that
 * make the attribute move; identity, pose and every other attribute stay the image's own:
 * - Eyeglasses: the whole pair of glasses (type, frame colour, tint and lens colour);
 * - Smiling: the smile (a yes/no factor of the synthetic faces);
 * - Bangs: the fringe (style and length);
 * - Side_Lit: the light (side and strength); A0 is A lit from the front at A's own strength, since
 *   the strength is a property of the flash, not of the side it comes from.
 * @throws RangeError when the attribute is not one of COUNTERFACTUAL_ATTRIBUTES, when A lacks it or
 *   B has it (the factors would then describe another pair than the one scored).
 */
export function counterfactualFactors(attribute: string, a: FaceFactors, b: FaceFactors): Counterfactual {
  const attr = counterfactualAttribute(attribute);
  if (!attr) throw new RangeError(`counterfactual: expected an attribute of ${COUNTERFACTUAL_ATTRIBUTES.join(', ')}, but got "${attribute}"`);
  if (synthAttributes(a)[attr] !== 1) throw new RangeError(`counterfactual: expected A (face ${a.index}) to have ${attr}, but it has not`);
  if (synthAttributes(b)[attr] !== -1) throw new RangeError(`counterfactual: expected B (face ${b.index}) to be without ${attr}, but it has it`);
  const object = objectOf(attr, a.attributes);
  return {
    bu: withAttributes(b, { ...b.attributes, ...object }),
    a0: withAttributes(a, { ...a.attributes, ...removed(attr, a.attributes) }),
  };
}

/** The factors that carry the attribute, taken from the exemplar. */
function objectOf(attr: CounterfactualAttribute, a: FaceAttributes): Partial<FaceAttributes> {
  switch (attr) {
    case 'Eyeglasses':
      return { glasses: a.glasses ? { ...a.glasses } : null };
    case 'Smiling':
      return { smiling: a.smiling };
    case 'Bangs':
      return { bangs: a.bangs ? { ...a.bangs } : null };
    case 'Side_Lit':
      return { lighting: { ...a.lighting } };
  }
}

/** The same factors with the attribute taken away. */
function removed(attr: CounterfactualAttribute, a: FaceAttributes): Partial<FaceAttributes> {
  switch (attr) {
    case 'Eyeglasses':
      return { glasses: null };
    case 'Smiling':
      return { smiling: false };
    case 'Bangs':
      return { bangs: null };
    case 'Side_Lit':
      return { lighting: { direction: 'front', strength: a.lighting.strength } };
  }
}

function withAttributes(f: FaceFactors, attributes: FaceAttributes): FaceFactors {
  return { ...f, attributes };
}

/** A test pair drawn at one size: the two inputs and the two true answers, 8-bit RGB. */
export interface CounterfactualImages {
  a: RgbRaster;
  b: RgbRaster;
  bu: RgbRaster;
  a0: RgbRaster;
}

/**
 * Draws A, B, the true Bu and the true A0 of a pair at `size` px (any size: the faces are vector
 * drawings, so a 256 px render has real detail, not an upsampled 64 px one). Lossless, unlike the
 * data set's JPEGs.
 */
export async function renderCounterfactual(attribute: string, a: FaceFactors, b: FaceFactors, size: number): Promise<CounterfactualImages> {
  const truth = counterfactualFactors(attribute, a, b);
  const [ra, rb, rbu, ra0] = await Promise.all([a, b, truth.bu, truth.a0].map((f) => renderFaceRgb(f, size)));
  return { a: ra, b: rb, bu: rbu, a0: ra0 };
}
