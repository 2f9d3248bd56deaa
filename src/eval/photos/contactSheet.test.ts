import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { contactSheet, faceWindow } from './contactSheet.ts';
import type { Rgb8 } from './pixelMetrics.ts';

/** A 200 px photo: left half red, right half blue. */
function halves(): Rgb8 {
  const data = new Uint8Array(200 * 200 * 3);
  for (let p = 0; p < 200 * 200; p++) data[p * 3 + ((p % 200) < 100 ? 0 : 2)] = 200;
  return { data, width: 200, height: 200, channels: 3 };
}

test('faceWindow: the window of the aligned square, upright, at the cell size', async () => {
  // The aligned square is the whole photo (64 px model, scale 64/200), so the window's left part is red.
  const face = { photo: halves(), toModel: [[0.32, 0, 0], [0, 0.32, 0]] as const, size: 64 };
  const tile = await faceWindow(face, 40);
  assert.deepEqual([tile.width, tile.height, tile.data.length], [40, 40, 40 * 40 * 3]);
  const at = (x: number, y: number) => Array.from(tile.data.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3));
  assert.deepEqual(at(2, 20), [200, 0, 0]);
  assert.deepEqual(at(37, 20), [0, 0, 200]);
});

test('contactSheet: rows x columns of cells with gaps as a PNG; ragged rows are refused', async () => {
  const tile = await faceWindow({ photo: halves(), toModel: [[0.32, 0, 0], [0, 0.32, 0]] as const, size: 64 }, 32);
  const png = await contactSheet([[tile, tile, tile], [tile, tile, tile]], { gap: 2 });
  const meta = await sharp(png).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', 3 * 32 + 4 * 2, 2 * 32 + 3 * 2]);
  await assert.rejects(contactSheet([[tile, tile], [tile]]), /expected every row to have 2 cells, but got 2, 1/);
  const small = { ...tile, width: 16, height: 16, data: tile.data.subarray(0, 16 * 16 * 3) };
  await assert.rejects(contactSheet([[tile, small]]), /expected RGB tiles of 32x32, but got 16x16x3/);
  await assert.rejects(contactSheet([]), /expected at least one row, but got none/);
});
