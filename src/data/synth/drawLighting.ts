import { backHairPath, frontHairPath } from './drawHair.ts';
import { earPaths, facePath, neckPath } from './drawHead.ts';
import type { FaceGeometry } from './faceGeometry.ts';
import type { FaceFactors, Lighting } from './types.ts';

/**
 * The head region light falls on (face, ears, neck, hair): the lighting overlay is masked to it,
 * and it is the lighting mask, so the background never changes with the light.
 */
export function headRegionPaths(g: FaceGeometry, factors: FaceFactors): string[] {
  const id = factors.identity;
  // Separate <path> elements, never one joined path: overlapping sub-paths of opposite winding
  // would cancel under the nonzero rule and punch holes (the neck through the chin).
  return [backHairPath(g, id.hairStyle), neckPath(g), ...earPaths(g, id.earSize), facePath(g), frontHairPath(g)];
}

/** The head region as SVG path elements with the given attributes. */
export function headRegionElements(g: FaceGeometry, factors: FaceFactors, attributes = ''): string {
  return headRegionPaths(g, factors).map((d) => `<path d="${d}"${attributes}/>`).join('');
}

/** Gradient of a flash from the left, the right or the front (Multi-PIE-like), in user space. */
export function lightGradient(g: FaceGeometry, light: Lighting): string {
  const s = light.strength;
  if (light.direction === 'front') {
    return (
      `<radialGradient id="light" gradientUnits="userSpaceOnUse" cx="${g.cx}" cy="76" r="${g.faceWidth + 10}">` +
      `<stop offset="0" stop-color="#fff" stop-opacity="${0.3 * s}"/><stop offset="0.55" stop-color="#fff" stop-opacity="0"/>` +
      `<stop offset="1" stop-color="#000" stop-opacity="${0.25 * s}"/></radialGradient>`
    );
  }
  const [from, to] = light.direction === 'left' ? [g.cx - g.faceWidth, g.cx + g.faceWidth] : [g.cx + g.faceWidth, g.cx - g.faceWidth];
  return (
    `<linearGradient id="light" gradientUnits="userSpaceOnUse" x1="${from}" y1="0" x2="${to}" y2="0">` +
    `<stop offset="0" stop-color="#fff" stop-opacity="${0.42 * s}"/><stop offset="0.4" stop-color="#fff" stop-opacity="0"/>` +
    `<stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${0.62 * s}"/>` +
    `</linearGradient>`
  );
}

export function headClip(g: FaceGeometry, factors: FaceFactors): string {
  // A luminance mask, not a clipPath: librsvg merges clipPath children into one path, so where
  // two of them overlap with opposite winding (neck under chin) the clip had a hole.
  return `<mask id="head" maskUnits="userSpaceOnUse" x="-30" y="-30" width="190" height="190">${headRegionElements(g, factors, ' fill="#fff"')}</mask>`;
}

/** The overlay itself (after every other part of the head). */
export function drawLighting(): string {
  return `<rect x="-30" y="-30" width="190" height="190" fill="url(#light)" mask="url(#head)"/>`;
}
