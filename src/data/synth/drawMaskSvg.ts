import { TEMPLATE_128, TEMPLATE_SIZE } from '../constants.ts';
import { posed, svgDocument } from './drawFaceSvg.ts';
import { framePath, lensPath } from './drawGlasses.ts';
import { bangsPath } from './drawHair.ts';
import { ellipsePath } from './drawHead.ts';
import { headRegionElements } from './drawLighting.ts';
import { faceGeometry, type FaceGeometry } from './faceGeometry.ts';
import type { FaceFactors, GlassesType, MaskName } from './types.ts';

/** Stroke of the glasses mask: the frame plus a pixel of margin for anti-aliasing. */
const GLASSES_MASK_STROKE = 4;
/** The mouth region a smile can change (lips, teeth, smile folds). */
const MOUTH_REGION = { rx: 19, ry: 11, drop: -1 } as const;
/** The fringe used as "where bangs would be" on faces without bangs. */
const DEFAULT_BANGS = { style: 'straight', length: 55 } as const;

/**
 * The white-on-black mask of the pixels an attribute occupies in this image (used by the
 * "preservation" metric). When the face has the attribute it is the drawn region; when it has
 * not, it is the region a typical instance would occupy on this face (rectangular glasses, a
 * straight fringe), so both sets have a mask.
 */
export function drawMaskSvg(factors: FaceFactors, size: number, mask: MaskName): string {
  const white = maskElements(faceGeometry(factors), factors, mask);
  return svgDocument(size, `<rect width="${TEMPLATE_SIZE}" height="${TEMPLATE_SIZE}" fill="#000"/>` + posed(factors, size, white));
}

function maskElements(g: FaceGeometry, factors: FaceFactors, mask: MaskName): string {
  switch (mask) {
    case 'eyeglasses':
      return glassesElements(g, factors.attributes.glasses?.type ?? 'rectangular');
    case 'smiling': {
      const [, , , left, right] = TEMPLATE_128;
      const d = ellipsePath((left[0] + right[0]) / 2, left[1] + MOUTH_REGION.drop, MOUTH_REGION.rx, MOUTH_REGION.ry);
      return `<path d="${d}" fill="#fff"/>`;
    }
    case 'bangs':
      return `<path d="${bangsPath(g, factors.attributes.bangs ?? DEFAULT_BANGS)}" fill="#fff"/>`;
    case 'lighting':
      return headRegionElements(g, factors, ' fill="#fff"');
  }
}

/** Lenses filled, plus frame, bridge and temples stroked a little wider than drawn. */
function glassesElements(g: FaceGeometry, type: GlassesType): string {
  const lenses = g.eyes.map((eye, i) => lensPath(type, eye, i === 0 ? -1 : 1)).join('');
  return (
    `<path d="${lenses}" fill="#fff"/>` +
    `<path d="${lenses + framePath(g, type)}" stroke="#fff" stroke-width="${GLASSES_MASK_STROKE}" fill="none" stroke-linecap="round"/>`
  );
}
