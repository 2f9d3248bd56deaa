import { LIP_COLORS, SKIN_TONES } from './constants.ts';
import { shadeColor } from './shadeColor.ts';
import type { FaceGeometry } from './faceGeometry.ts';
import type { FaceFactors } from './types.ts';

/** Nose ridge shadow, the nose base curve and nostrils; the tip is the template's nose point. */
export function drawNose(g: FaceGeometry, factors: FaceFactors): string {
  const [x, y] = g.nose;
  const nw = factors.identity.noseWidth;
  const top = y - 14 * factors.identity.noseLength;
  const dark = shadeColor(SKIN_TONES[factors.identity.skinTone], -0.35);
  const ridge = `M${x - 2} ${top}Q${x - 3} ${y - 7} ${x - nw * 0.7} ${y - 1.5}`;
  const base =
    `M${x - nw} ${y - 1.5}Q${x - nw - 1.2} ${y + 2} ${x - nw * 0.4} ${y + 1.8}` +
    `Q${x} ${y + 3} ${x + nw * 0.4} ${y + 1.8}Q${x + nw + 1.2} ${y + 2} ${x + nw} ${y - 1.5}`;
  return (
    `<path d="${ridge}" stroke="${dark}" stroke-width="1.1" fill="none" opacity="0.35" stroke-linecap="round"/>` +
    `<path d="${base}" stroke="${dark}" stroke-width="1.1" fill="none" opacity="0.75" stroke-linecap="round"/>` +
    `<ellipse cx="${x - nw * 0.45}" cy="${y + 1.3}" rx="1.1" ry="0.7" fill="${dark}"/>` +
    `<ellipse cx="${x + nw * 0.45}" cy="${y + 1.3}" rx="1.1" ry="0.7" fill="${dark}"/>`
  );
}

/** A closed neutral mouth, or an open smile with teeth and smile folds (Smiling). */
export function drawMouth(g: FaceGeometry, factors: FaceFactors): string {
  return factors.attributes.smiling ? drawSmile(g, factors) : drawNeutral(g, factors);
}

function drawNeutral(g: FaceGeometry, factors: FaceFactors): string {
  const [[lx, ly], [rx, ry]] = g.mouth;
  const mx = (lx + rx) / 2;
  const lip = LIP_COLORS[factors.identity.lipColor];
  const upper = `M${lx} ${ly}Q${mx - 4} ${ly - 3.2} ${mx} ${ly - 1.8}Q${mx + 4} ${ry - 3.2} ${rx} ${ry}Q${mx} ${ly + 0.6} ${lx} ${ly}Z`;
  const lower = `M${lx} ${ly}Q${mx} ${ly + 6} ${rx} ${ry}Q${mx} ${ly + 0.6} ${lx} ${ly}Z`;
  const line = `M${lx} ${ly}Q${mx} ${ly + 0.8} ${rx} ${ry}`;
  return (
    `<path d="${lower}" fill="${shadeColor(lip, 0.12)}"/><path d="${upper}" fill="${lip}"/>` +
    `<path d="${line}" stroke="${shadeColor(lip, -0.45)}" stroke-width="0.9" fill="none"/>`
  );
}

function drawSmile(g: FaceGeometry, factors: FaceFactors): string {
  const [[lx, ly], [rx, ry]] = g.mouth;
  const mx = (lx + rx) / 2;
  const lip = LIP_COLORS[factors.identity.lipColor];
  const fold = shadeColor(SKIN_TONES[factors.identity.skinTone], -0.35);
  const opening = `M${lx} ${ly}Q${mx} ${ly + 12} ${rx} ${ry}Q${mx} ${ly + 0.5} ${lx} ${ly}Z`;
  const teeth = `M${lx + 2} ${ly + 0.8}Q${mx} ${ly + 5.5} ${rx - 2} ${ry + 0.8}Q${mx} ${ly + 0.8} ${lx + 2} ${ly + 0.8}Z`;
  const upper = `M${lx} ${ly}Q${mx - 4} ${ly - 3} ${mx} ${ly - 1.6}Q${mx + 4} ${ry - 3} ${rx} ${ry}Q${mx} ${ly + 1.2} ${lx} ${ly}Z`;
  const lower = `M${lx} ${ly}Q${mx} ${ly + 12} ${rx} ${ry}Q${mx} ${ly + 9.5} ${lx} ${ly}Z`;
  const folds = `M${lx - 1} ${ly - 9}Q${lx - 4.5} ${ly - 3} ${lx - 1.5} ${ly + 2.5}M${rx + 1} ${ry - 9}Q${rx + 4.5} ${ry - 3} ${rx + 1.5} ${ry + 2.5}`;
  return (
    `<path d="${opening}" fill="#3a1416"/><path d="${teeth}" fill="#f4f0e6"/>` +
    `<path d="${lower}" fill="${shadeColor(lip, 0.12)}"/><path d="${upper}" fill="${lip}"/>` +
    `<path d="${folds}" stroke="${fold}" stroke-width="0.9" fill="none" opacity="0.45" stroke-linecap="round"/>`
  );
}
