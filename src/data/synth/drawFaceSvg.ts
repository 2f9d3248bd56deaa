import { TEMPLATE_SIZE } from '../constants.ts';
import { drawBackHair, drawFrontHair } from './drawHair.ts';
import { drawEyes } from './drawEyes.ts';
import { drawGlasses } from './drawGlasses.ts';
import { drawHead, drawShirt, skinGradient } from './drawHead.ts';
import { drawLighting, headClip, lightGradient } from './drawLighting.ts';
import { drawMouth, drawNose } from './drawNoseAndMouth.ts';
import { faceGeometry, poseTransform } from './faceGeometry.ts';
import type { FaceFactors } from './types.ts';

/**
 * The SVG of one synthetic face at `size` px. Drawn in the canonical 128 px template frame,
 * shifted by half an output pixel so canonical point p lands on pixel-centre p * size / 128
 * (the landmark convention), then jittered by the pose about the eye midpoint.
 */
export function drawFaceSvg(factors: FaceFactors, size: number): string {
  const g = faceGeometry(factors);
  const id = factors.identity;
  const defs =
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${id.backgroundTop}"/>` +
    `<stop offset="1" stop-color="${id.backgroundBottom}"/></linearGradient>` +
    skinGradient(g, factors) + lightGradient(g, factors.attributes.lighting) + headClip(g, factors) + `</defs>`;
  const glasses = factors.attributes.glasses;
  const body = [
    drawShirt(g, factors),
    drawBackHair(g, factors),
    drawHead(g, factors),
    drawNose(g, factors),
    drawMouth(g, factors),
    drawEyes(g, factors),
    drawFrontHair(g, factors),
    drawLighting(),
    glasses ? drawGlasses(g, glasses) : '',
  ].join('');
  return svgDocument(size, defs + `<rect width="${TEMPLATE_SIZE}" height="${TEMPLATE_SIZE}" fill="url(#bg)"/>` + posed(factors, size, body));
}

/** Wraps canonical-frame content in the half-pixel shift and the pose jitter. */
export function posed(factors: FaceFactors, size: number, content: string): string {
  const half = TEMPLATE_SIZE / (2 * size);
  return `<g transform="translate(${half} ${half}) ${poseTransform(factors)}">${content}</g>`;
}

export function svgDocument(size: number, content: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${TEMPLATE_SIZE} ${TEMPLATE_SIZE}">` +
    trimDecimals(content) +
    `</svg>`
  );
}

/**
 * Cuts numbers to 3 decimals (at most 0.001 canonical px, far below a pixel): float noise like
 * 63.650000000000006 otherwise makes the SVG text twice as long for librsvg to parse.
 */
function trimDecimals(svg: string): string {
  return svg.replace(/(\d\.\d{3})\d+/g, '$1');
}
