import sharp from 'sharp';
import { warpAffine } from '../../face/warpAffine.ts';
import type { Affine2x3 } from '../../face/types.ts';
import { SHEET_CELL, SHEET_WINDOW } from './constants.ts';
import type { Rgb8 } from './pixelMetrics.ts';

/** One face to show: a photo and its alignment (photo pixel -> aligned crop pixel at `size`). */
export interface SheetFace {
  photo: Rgb8;
  toModel: Affine2x3;
  size: number;
}

export interface ContactSheetOptions {
  /** Pixels between cells; default 2. */
  gap?: number;
  /** Quantise to a 256-colour palette (about a third of the bytes, for committed pictures). */
  palette?: boolean;
}

/**
 * The upright face window (SHEET_WINDOW of the aligned square) of a photo, cell x cell 8-bit RGB.
 * The window is first warped at the photo's own resolution, then brought to the cell with
 * sharp's lanczos filter, so large faces are not aliased and small ones are not sharpened.
 */
export async function faceWindow(face: SheetFace, cell: number = SHEET_CELL): Promise<Rgb8> {
  const m = face.toModel;
  const scale = Math.sqrt(Math.abs(m[0][0] * m[1][1] - m[0][1] * m[1][0]));
  const windowModel = SHEET_WINDOW.side * face.size;
  const native = Math.max(cell, Math.min(4 * cell, Math.round(windowModel / scale)));
  const k = native / windowModel;
  const ox = SHEET_WINDOW.x0 * face.size;
  const oy = SHEET_WINDOW.y0 * face.size;
  // photo -> window pixel: the alignment, then (u + 0.5 - ox) * k - 0.5 (pixel centres kept).
  const toWindow: Affine2x3 = [
    [m[0][0] * k, m[0][1] * k, (m[0][2] + 0.5 - ox) * k - 0.5],
    [m[1][0] * k, m[1][1] * k, (m[1][2] + 0.5 - oy) * k - 0.5],
  ];
  const warped = warpAffine(face.photo, toWindow, { width: native, height: native, border: 'constant' });
  if (native === cell) return { data: warped.data as Uint8Array, width: cell, height: cell, channels: 3 };
  const { data } = await sharp(warped.data, { raw: { width: native, height: native, channels: 3 } })
    .resize(cell, cell, { kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: cell, height: cell, channels: 3 };
}

/**
 * A PNG grid of cell x cell tiles (faceWindow's): one row per entry of `rows`, cells left to right,
 * dark gaps. Every row must have the same number of cells.
 */
export async function contactSheet(rows: Rgb8[][], options: ContactSheetOptions = {}): Promise<Buffer> {
  const gap = options.gap ?? 2;
  if (rows.length === 0) throw new RangeError('contactSheet: expected at least one row, but got none');
  const columns = rows[0].length;
  if (columns === 0 || rows.some((r) => r.length !== columns)) {
    throw new RangeError(`contactSheet: expected every row to have ${columns || 'at least one'} cells, but got ${rows.map((r) => r.length).join(', ')}`);
  }
  const cell = rows[0][0].width;
  const wrong = rows.flat().find((t) => t.width !== cell || t.height !== cell || t.channels !== 3);
  if (wrong) throw new RangeError(`contactSheet: expected RGB tiles of ${cell}x${cell}, but got ${wrong.width}x${wrong.height}x${wrong.channels}`);
  const width = columns * cell + (columns + 1) * gap;
  const height = rows.length * cell + (rows.length + 1) * gap;
  const sheet = new Uint8Array(width * height * 3).fill(24);
  for (const [r, row] of rows.entries()) {
    for (const [c, tile] of row.entries()) {
      const left = gap + c * (cell + gap);
      const top = gap + r * (cell + gap);
      for (let y = 0; y < cell; y++) sheet.set(tile.data.subarray(y * cell * 3, (y + 1) * cell * 3), ((top + y) * width + left) * 3);
    }
  }
  return sharp(sheet, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 9, palette: options.palette ?? false })
    .toBuffer();
}
