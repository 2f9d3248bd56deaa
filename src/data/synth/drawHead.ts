import { SHIRT_COLORS, SKIN_TONES } from './constants.ts';
import { shadeColor } from './shadeColor.ts';
import type { FaceGeometry } from './faceGeometry.ts';
import type { FaceFactors } from './types.ts';

/** SVG path of the face outline: skull, temples, cheeks, jaw, chin (canonical frame). */
export function facePath(g: FaceGeometry): string {
  const { cx, faceWidth: w, jawWidth: j, chinY: c, crownY: t } = g;
  const jawY = c - 11;
  return [
    `M${cx} ${t}`,
    `C${cx + w * 0.92} ${t} ${cx + w} ${t + 16} ${cx + w} ${62}`,
    `C${cx + w} ${78} ${cx + j + 4} ${jawY - 6} ${cx + j} ${jawY}`,
    `C${cx + j * 0.7} ${c - 2} ${cx + j * 0.35} ${c} ${cx} ${c}`,
    `C${cx - j * 0.35} ${c} ${cx - j * 0.7} ${c - 2} ${cx - j} ${jawY}`,
    `C${cx - j - 4} ${jawY - 6} ${cx - w} ${78} ${cx - w} ${62}`,
    `C${cx - w} ${t + 16} ${cx - w * 0.92} ${t} ${cx} ${t}Z`,
  ].join('');
}

/** Ears as two ellipse paths (also used by the lighting clip). */
export function earPaths(g: FaceGeometry, earSize: number): string[] {
  const rx = 4.3 * earSize;
  const ry = 8 * earSize;
  return [-1, 1].map((side) => ellipsePath(g.cx + side * (g.faceWidth - 0.5), 71, rx, ry));
}

export function neckPath(g: FaceGeometry): string {
  const half = g.faceWidth * 0.5;
  const top = g.chinY - 22;
  const bottom = g.chinY + 13;
  return `M${g.cx - half} ${top}L${g.cx - half} ${bottom}Q${g.cx} ${bottom + 4} ${g.cx + half} ${bottom}L${g.cx + half} ${top}Z`;
}

/** Shoulders and a scoop neckline, reaching past the frame so rotation never shows a gap. */
export function drawShirt(g: FaceGeometry, factors: FaceFactors): string {
  const y = g.chinY + 6;
  const half = g.faceWidth * 0.55;
  const colour = SHIRT_COLORS[factors.identity.shirtColor];
  const d = `M-20 160L-20 ${y + 14}Q10 ${y + 2} ${g.cx - half} ${y}Q${g.cx} ${y + 14} ${g.cx + half} ${y}Q117 ${y + 2} 148 ${y + 14}L148 160Z`;
  return `<path d="${d}" fill="${colour}"/>`;
}

/** Neck, ears and the face with a soft radial shade (darker at the rim: a rounded head). */
export function drawHead(g: FaceGeometry, factors: FaceFactors): string {
  const skin = SKIN_TONES[factors.identity.skinTone];
  const ears = earPaths(g, factors.identity.earSize);
  const inner = [-1, 1].map((side) =>
    ellipsePath(g.cx + side * (g.faceWidth - 0.2), 71, 2.2 * factors.identity.earSize, 5 * factors.identity.earSize),
  );
  return [
    `<path d="${neckPath(g)}" fill="${shadeColor(skin, -0.22)}"/>`,
    ...ears.map((d) => `<path d="${d}" fill="${shadeColor(skin, -0.06)}"/>`),
    ...inner.map((d) => `<path d="${d}" fill="${shadeColor(skin, -0.25)}"/>`),
    `<path d="${facePath(g)}" fill="url(#skin)"/>`,
  ].join('');
}

/** Gradient definition the face fill refers to. */
export function skinGradient(g: FaceGeometry, factors: FaceFactors): string {
  const skin = SKIN_TONES[factors.identity.skinTone];
  return (
    `<radialGradient id="skin" gradientUnits="userSpaceOnUse" cx="${g.cx}" cy="72" r="${g.faceWidth * 1.3}">` +
    `<stop offset="0" stop-color="${shadeColor(skin, 0.1)}"/><stop offset="0.65" stop-color="${skin}"/>` +
    `<stop offset="1" stop-color="${shadeColor(skin, -0.25)}"/></radialGradient>`
  );
}

export function ellipsePath(x: number, y: number, rx: number, ry: number): string {
  return `M${x - rx} ${y}A${rx} ${ry} 0 1 0 ${x + rx} ${y}A${rx} ${ry} 0 1 0 ${x - rx} ${y}Z`;
}
