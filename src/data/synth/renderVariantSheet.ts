import { attributeVariants } from './attributeVariants.ts';
import { renderFaceGrid } from './renderContactSheet.ts';
import { sampleFaceFactors } from './sampleFaceFactors.ts';

/** Identities shown, one per row. */
const IDENTITIES = 4;

/** One row per identity (faces 1..4 of the seed), one column per switched attribute, as a PNG. */
export async function renderVariantSheet(seed: number, size: number, zoom = size === 64 ? 2 : 1): Promise<Buffer> {
  const rows = Array.from({ length: IDENTITIES }, (_, i) => attributeVariants(sampleFaceFactors(seed, i + 1)));
  const cells = rows.flat();
  return renderFaceGrid(cells.map((c) => c.factors), rows[0].length, size, zoom, cells.map((c) => [c.label]));
}
