import { FRAME_COLORS, LENS_COLORS } from './constants.ts';
import { ellipsePath } from './drawHead.ts';
import type { FaceGeometry } from './faceGeometry.ts';
import type { Glasses, GlassesType, Point } from './types.ts';

/** Frame stroke (canonical px): at 64 px it is still 1.2-1.5 px wide, so glasses stay visible. */
const FRAME_WIDTH = { metal: 2.4, plastic: 3 } as const;
const METAL = new Set(['gold', 'silver']);
/** The lens centre sits a little below the pupil, as glasses rest on the nose. */
const LENS_DROP = 0.8;

/**
 * Outline of one lens. `outer` is -1 for the left eye (its outer side has the smaller x), +1 for
 * the right eye, so asymmetric frames (aviator, cat-eye) mirror correctly.
 */
export function lensPath(type: GlassesType, [ex, eyeY]: Point, outer: number): string {
  const ey = eyeY + LENS_DROP;
  const o = outer;
  switch (type) {
    case 'round':
      return ellipsePath(ex, ey, 10, 10);
    case 'oval':
      return ellipsePath(ex, ey, 11.5, 8);
    case 'rectangular':
    case 'half-rim':
      return roundedRect(ex, ey, 12.5, 7.5, 2.5);
    case 'aviator':
      return (
        `M${ex - o * 10.5} ${ey - 7}L${ex + o * 12} ${ey - 7.5}C${ex + o * 14} ${ey - 6} ${ex + o * 12.5} ${ey + 9} ${ex + o * 4} ${ey + 10}` +
        `C${ex - o * 4} ${ey + 10.5} ${ex - o * 10} ${ey + 8} ${ex - o * 10.5} ${ey + 1}Z`
      );
    case 'cat-eye':
      return (
        `M${ex - o * 10.5} ${ey - 5}Q${ex} ${ey - 8.5} ${ex + o * 14} ${ey - 10}Q${ex + o * 12.5} ${ey + 2} ${ex + o * 6} ${ey + 6.5}` +
        `Q${ex - o * 4} ${ey + 8.5} ${ex - o * 10.5} ${ey + 3}Z`
      );
  }
}

function roundedRect(x: number, y: number, hw: number, hh: number, r: number): string {
  return (
    `M${x - hw + r} ${y - hh}L${x + hw - r} ${y - hh}Q${x + hw} ${y - hh} ${x + hw} ${y - hh + r}` +
    `L${x + hw} ${y + hh - r}Q${x + hw} ${y + hh} ${x + hw - r} ${y + hh}L${x - hw + r} ${y + hh}` +
    `Q${x - hw} ${y + hh} ${x - hw} ${y + hh - r}L${x - hw} ${y - hh + r}Q${x - hw} ${y - hh} ${x - hw + r} ${y - hh}Z`
  );
}

/** Bridge over the nose, a second bar for aviators, and the temples out to the face edge. */
export function framePath(g: FaceGeometry, type: GlassesType): string {
  const [[lx, ly], [rx]] = g.eyes;
  const y = ly + LENS_DROP;
  const inner = type === 'round' ? 10 : type === 'oval' ? 11 : 10.5;
  let d = `M${lx + inner} ${y - 1.5}Q${g.cx} ${y - 5} ${rx - inner} ${y - 1.5}`;
  if (type === 'aviator') d += `M${lx + 9} ${y - 7}L${rx - 9} ${y - 7}`;
  const outer = type === 'cat-eye' ? 13 : 11.5;
  d += `M${lx - outer} ${y - 3.5}L${g.cx - g.faceWidth - 1} ${y - 3}M${rx + outer} ${y - 3.5}L${g.cx + g.faceWidth + 1} ${y - 3}`;
  return d;
}

/** Top bar of a half-rim (browline) frame: the heavy upper part of a rectangular lens. */
function browlinePath([ex, eyeY]: Point): string {
  const y = eyeY + LENS_DROP - 7.5;
  return `M${ex - 12.5} ${y + 2.5}Q${ex - 12.5} ${y} ${ex - 10} ${y}L${ex + 10} ${y}Q${ex + 12.5} ${y} ${ex + 12.5} ${y + 2.5}`;
}

export function drawGlasses(g: FaceGeometry, glasses: Glasses): string {
  const frame = FRAME_COLORS[glasses.color];
  const width = METAL.has(glasses.color) ? FRAME_WIDTH.metal : FRAME_WIDTH.plastic;
  const lenses = g.eyes.map((eye, i) => lensPath(glasses.type, eye, i === 0 ? -1 : 1)).join('');
  const lensFill =
    glasses.tint === 'tinted'
      ? `fill="${LENS_COLORS[glasses.lensColor]}" fill-opacity="0.8"`
      : `fill="#ffffff" fill-opacity="0.18"`;
  const rimWidth = glasses.type === 'half-rim' ? width * 0.35 : width;
  let svg = `<path d="${lenses}" ${lensFill} stroke="${frame}" stroke-width="${rimWidth}" stroke-linejoin="round"/>`;
  if (glasses.type === 'half-rim') {
    const bars = g.eyes.map((eye) => browlinePath(eye)).join('');
    svg += `<path d="${bars}" stroke="${frame}" stroke-width="${width * 1.3}" fill="none" stroke-linecap="round"/>`;
  }
  svg += `<path d="${framePath(g, glasses.type)}" stroke="${frame}" stroke-width="${width * 0.8}" fill="none" stroke-linecap="round"/>`;
  return svg;
}
