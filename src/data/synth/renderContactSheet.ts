import sharp from 'sharp';
import { attributeVariants } from './attributeVariants.ts';
import { drawFaceSvg } from './drawFaceSvg.ts';
import { sampleFaceFactors } from './sampleFaceFactors.ts';
import type { FaceFactors } from './types.ts';

export interface ContactSheetConfig {
  seed: number;
  /** Faces per row and rows (default 8 x 8). */
  columns?: number;
  rows?: number;
  /** Face size (64 or 128) and the integer zoom each face is shown at. */
  size?: number;
  zoom?: number;
}

const DEFAULTS = { columns: 8, rows: 8, size: 64, zoom: 2 } as const;
/** Height of the label strip under each face (px). */
const LABEL_HEIGHT = 30;
const FONT_SIZE = 10;

/** Short ground-truth label of a face, two lines: glasses, then smile/bangs/light (F, L, R). */
export function faceLabel(f: FaceFactors): [string, string] {
  const a = f.attributes;
  const glasses = a.glasses ? `${a.glasses.type} ${a.glasses.color}${a.glasses.tint === 'tinted' ? ' tint' : ''}` : 'no glasses';
  const light = { front: 'F', left: 'L', right: 'R' }[a.lighting.direction];
  const rest = [a.smiling ? 'smile' : '', a.bangs ? `bangs:${a.bangs.style}` : '', `lit:${light}`].filter(Boolean).join(' ');
  return [glasses, rest];
}

/**
 * A grid of synthetic faces of one seed (faces 1..rows*columns), each labelled with its ground
 * truth, as a PNG: what a person looks at to judge whether the faces look like faces.
 */
export async function renderContactSheet(config: ContactSheetConfig): Promise<Buffer> {
  const c = { ...DEFAULTS, ...config };
  const factors = Array.from({ length: c.rows * c.columns }, (_, i) => sampleFaceFactors(c.seed, i + 1));
  return renderFaceGrid(factors, c.columns, c.size, c.zoom, factors.map(faceLabel));
}

/** Any list of faces (e.g. one identity with attributes switched) as a labelled grid PNG. */
export async function renderFaceGrid(factors: FaceFactors[], columns: number, size: number, zoom: number, labels: string[][]): Promise<Buffer> {
  const tile = size * zoom;
  const cellH = tile + LABEL_HEIGHT;
  const rows = Math.ceil(factors.length / columns);
  const composites = await Promise.all(
    factors.map(async (f, i) => {
      const face = await sharp(Buffer.from(drawFaceSvg(f, size))).resize(tile, tile, { kernel: 'nearest' }).png().toBuffer();
      return { input: face, left: (i % columns) * tile, top: Math.floor(i / columns) * cellH };
    }),
  );
  const text = labels
    .map((lines, i) =>
      lines
        .map((line, k) => `<text x="${(i % columns) * tile + 3}" y="${Math.floor(i / columns) * cellH + tile + 12 + k * 13}">${escapeXml(line)}</text>`)
        .join(''),
    )
    .join('');
  const width = columns * tile;
  const height = rows * cellH;
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g font-family="DejaVu Sans, sans-serif" font-size="${FONT_SIZE}" fill="#222">${text}</g></svg>`;
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([...composites, { input: Buffer.from(overlay), left: 0, top: 0 }])
    .png()
    .toBuffer();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Identities shown, one per row. */
const IDENTITIES = 4;

/** One row per identity (faces 1..4 of the seed), one column per switched attribute, as a PNG. */
export async function renderVariantSheet(seed: number, size: number, zoom = size === 64 ? 2 : 1): Promise<Buffer> {
  const rows = Array.from({ length: IDENTITIES }, (_, i) => attributeVariants(sampleFaceFactors(seed, i + 1)));
  const cells = rows.flat();
  return renderFaceGrid(cells.map((c) => c.factors), rows[0].length, size, zoom, cells.map((c) => [c.label]));
}
