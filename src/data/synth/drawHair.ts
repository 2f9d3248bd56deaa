import { HAIR_COLORS } from './constants.ts';
import { ellipsePath } from './drawHead.ts';
import { shadeColor } from './shadeColor.ts';
import type { FaceGeometry } from './faceGeometry.ts';
import type { Bangs, FaceFactors, HairStyle } from './types.ts';

/** Control y of a symmetric cubic arch from baseY whose top reaches apexY (apex = base/4 + 3 ctrl/4). */
function archControl(baseY: number, apexY: number): number {
  return (apexY - 0.25 * baseY) / 0.75;
}

/** Hair behind the head (drawn before the face): its length makes most of the style. */
export function backHairPath(g: FaceGeometry, style: HairStyle): string {
  const { cx, faceWidth: w, crownY: t } = g;
  const out = style === 'curly' ? 9 : 6;
  const bottom = style === 'long' ? 135 : style === 'bob' ? 100 : 70;
  const cap =
    `M${cx - w - out} ${bottom}L${cx - w - out} 58` +
    `C${cx - w - out} ${archControl(58, t - out)} ${cx + w + out} ${archControl(58, t - out)} ${cx + w + out} 58L${cx + w + out} ${bottom}`;
  const end = style === 'bob' ? `Q${cx} ${bottom - 14} ${cx - w - out} ${bottom}Z` : `L${cx - w - out} ${bottom}Z`;
  return style === 'short' || style === 'buzz' ? shortCapPath(g, style === 'buzz' ? 1.5 : 3.5) : cap + end;
}

function shortCapPath(g: FaceGeometry, out: number): string {
  const { cx, faceWidth: w, crownY: t } = g;
  const c = archControl(66, t - out);
  return `M${cx - w - out * 0.3} 66C${cx - w - out} ${c} ${cx + w + out} ${c} ${cx + w + out * 0.3} 66Z`;
}

/** Hair over the top of the face down to the hairline (no bangs): a widow's-peak-free arc. */
export function frontHairPath(g: FaceGeometry): string {
  const { cx, faceWidth: w, crownY: t, hairlineY: h } = g;
  return (
    `M${cx - w - 1} 64C${cx - w - 1} ${archControl(64, t - 1)} ${cx + w + 1} ${archControl(64, t - 1)} ${cx + w + 1} 64` +
    `L${cx + w - 2.5} 64C${cx + w - 4} ${h + 4} ${cx + w * 0.45} ${h} ${cx} ${h}` +
    `C${cx - w * 0.45} ${h} ${cx - w + 4} ${h + 4} ${cx - w + 2.5} 64Z`
  );
}

/** The fringe over the forehead; its lower edge depends on the style (straight, side, curtain). */
export function bangsPath(g: FaceGeometry, bangs: Bangs): string {
  const { cx, faceWidth: w, hairlineY: h } = g;
  const y = bangs.length;
  const top = `M${cx - w + 1} ${h + 8}C${cx - w + 3} ${h - 6} ${cx + w - 3} ${h - 6} ${cx + w - 1} ${h + 8}`;
  if (bangs.style === 'side') {
    return `${top}L${cx + w - 1.5} ${y + 2}C${cx + 6} ${y + 1} ${cx - 10} ${y - 3} ${cx - w + 1.5} ${y - 8}Z`;
  }
  if (bangs.style === 'curtain') {
    return `${top}L${cx + w - 1.5} ${y + 3}Q${cx + 7} ${y - 1} ${cx} ${h + 5}Q${cx - 7} ${y - 1} ${cx - w + 1.5} ${y + 3}Z`;
  }
  return `${top}L${cx + w - 1.5} ${y}` + jaggedEdge(cx + w - 1.5, cx - w + 1.5, y) + 'Z';
}

/** A blunt cut drawn right to left with small teeth, so it reads as hair and not a hat brim. */
function jaggedEdge(fromX: number, toX: number, y: number): string {
  const teeth = 7;
  const step = (toX - fromX) / teeth;
  let d = '';
  for (let i = 1; i <= teeth; i++) d += `L${fromX + step * (i - 0.5)} ${y + 1.4}L${fromX + step * i} ${y - 0.6}`;
  return d;
}

/** Strands on the fringe: darker strokes that follow its fall. */
function bangsStrands(g: FaceGeometry, bangs: Bangs, colour: string): string {
  const lines: string[] = [];
  for (let i = -3; i <= 3; i++) {
    const x = g.cx + i * g.faceWidth * 0.26;
    const lean = bangs.style === 'side' ? 4 : bangs.style === 'curtain' ? -Math.sign(i) * 2 : 0.5;
    lines.push(`M${x} ${g.hairlineY}Q${x + lean * 0.3} ${bangs.length - 6} ${x + lean} ${bangs.length - 2}`);
  }
  return `<path d="${lines.join('')}" stroke="${shadeColor(colour, -0.3)}" stroke-width="0.8" fill="none" opacity="0.7"/>`;
}

export function drawBackHair(g: FaceGeometry, factors: FaceFactors): string {
  const colour = HAIR_COLORS[factors.identity.hairColor];
  const style = factors.identity.hairStyle;
  let svg = `<path d="${backHairPath(g, style)}" fill="${shadeColor(colour, -0.08)}"/>`;
  if (style === 'bun') svg += `<path d="${ellipsePath(g.cx, g.crownY - 7, 10, 8)}" fill="${colour}"/>`;
  if (style === 'curly') svg += curls(g, shadeColor(colour, -0.08));
  return svg;
}

/** Bumps around the head outline for curly hair. */
function curls(g: FaceGeometry, colour: string): string {
  const circles: string[] = [];
  const bumps = 12;
  for (let i = 0; i <= bumps; i++) {
    const a = Math.PI * (i / bumps);
    const x = g.cx - Math.cos(a) * (g.faceWidth + 7);
    const y = 64 - Math.sin(a) * (64 - g.crownY + 6);
    circles.push(ellipsePath(x, y, 7.5, 7.5));
  }
  return `<path d="${circles.join('')}" fill="${colour}"/>`;
}

export function drawFrontHair(g: FaceGeometry, factors: FaceFactors): string {
  const colour = HAIR_COLORS[factors.identity.hairColor];
  const opacity = factors.identity.hairStyle === 'buzz' ? 0.75 : 1;
  let svg = `<path d="${frontHairPath(g)}" fill="${shadeColor(colour, -0.08)}" opacity="${opacity}"/>`;
  const bangs = factors.attributes.bangs;
  if (bangs) svg += `<path d="${bangsPath(g, bangs)}" fill="${colour}"/>` + bangsStrands(g, bangs, colour);
  return svg;
}
