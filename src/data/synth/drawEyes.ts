import { EYE_COLORS, HAIR_COLORS } from './constants.ts';
import { shadeColor } from './shadeColor.ts';
import type { FaceGeometry } from './faceGeometry.ts';
import type { FaceFactors, Point } from './types.ts';

/** Half-width of the eye opening (canonical px); the eye centres are fixed by the template. */
const EYE_HALF_WIDTH = 6;
/** Brows sit this far above the eye centre. */
const BROW_RISE = 9;

/** Both eyes (white, iris, pupil, catch-light, upper lid) and both brows. */
export function drawEyes(g: FaceGeometry, factors: FaceFactors): string {
  const iris = EYE_COLORS[factors.identity.eyeColor];
  const k = factors.identity.eyeSize;
  return g.eyes.map((eye, i) => drawEye(eye, k, iris) + drawBrow(eye, i === 0 ? -1 : 1, factors)).join('');
}

function drawEye([x, y]: Point, k: number, iris: string): string {
  const w = EYE_HALF_WIDTH;
  const white = `M${x - w} ${y}Q${x} ${y - 4.6 * k} ${x + w} ${y}Q${x} ${y + 3.8 * k} ${x - w} ${y}Z`;
  const lid = `M${x - w - 0.6} ${y + 0.3}Q${x} ${y - 5 * k} ${x + w + 0.6} ${y + 0.3}`;
  return (
    `<path d="${white}" fill="#f3efe8"/>` +
    `<circle cx="${x}" cy="${y}" r="${2.8 * k}" fill="${iris}"/>` +
    `<circle cx="${x}" cy="${y}" r="${1.3 * k}" fill="#0d0a08"/>` +
    `<circle cx="${x + 0.9}" cy="${y - 0.9}" r="0.6" fill="#ffffff"/>` +
    `<path d="${lid}" stroke="#24160f" stroke-width="1.2" fill="none" stroke-linecap="round"/>`
  );
}

/** One brow; `outer` is -1 for the left eye (outer side has the smaller x) and +1 for the right. */
function drawBrow([x, y]: Point, outer: number, factors: FaceFactors): string {
  const by = y - BROW_RISE;
  const inner = `${x - outer * 6.5} ${by + 1}`;
  const end = `${x + outer * 7.5} ${by + 1.8}`;
  const style = factors.identity.browStyle;
  const d =
    style === 'angled'
      ? `M${inner}L${x + outer * 2.5} ${by - 2.2}L${end}`
      : `M${inner}Q${x} ${by - (style === 'arched' ? 4 : 1.2)} ${end}`;
  const colour = shadeColor(HAIR_COLORS[factors.identity.hairColor], -0.35);
  const width = factors.identity.browThickness;
  return `<path d="${d}" stroke="${colour}" stroke-width="${width}" fill="none" stroke-linecap="round"/>`;
}
