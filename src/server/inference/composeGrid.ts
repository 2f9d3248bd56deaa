import type { RgbImage } from '../upload/decodeUpload.ts';

/** Gap in pixels between matrix cells, so neighbouring faces stay distinguishable. */
const GAP = 2;
const GAP_VALUE = 255;

/** Lays out side x side same-sized RGB cells (row-major) into one image with white gaps. */
export function composeGrid(cells: RgbImage[], side: number): RgbImage {
  if (cells.length !== side * side) throw new Error(`composeGrid: expected ${side * side} cells, but got ${cells.length}`);
  const { width: cw, height: ch } = cells[0];
  const width = side * cw + (side - 1) * GAP;
  const height = side * ch + (side - 1) * GAP;
  const data = new Uint8Array(width * height * 3).fill(GAP_VALUE);
  cells.forEach((cell, k) => {
    const x0 = (k % side) * (cw + GAP);
    const y0 = Math.floor(k / side) * (ch + GAP);
    for (let y = 0; y < ch; y++) {
      data.set(cell.data.subarray(y * cw * 3, (y + 1) * cw * 3), ((y0 + y) * width + x0) * 3);
    }
  });
  return { data, width, height };
}
