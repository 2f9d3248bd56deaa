import { writeFile } from 'node:fs/promises';
import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import { encodeImage } from '../data/encodeImage.ts';
import { tileImages } from '../model/tileImages.ts';
import type { Genegan } from '../model/types.ts';

/** Columns of a sample grid, left to right (spec "Forward graph"). */
export const SAMPLE_COLUMNS = ['Au', 'B0', "Au'", "B0'", 'A0', 'Bu'] as const;

/**
 * One row per pair: Au, B0, Au' = Dec(A,x), B0' = Dec(B,0), A0 = Dec(A,0), Bu = Dec(B,x), in
 * inference mode (BN moving statistics: what users of the saved model get).
 * @param au, b0 NHWC [N,S,S,3] in [0,1]. @returns HWC grid in [0,1]; the caller disposes it.
 */
export function renderSampleGrid(model: Genegan, au: Tensor4D, b0: Tensor4D): Tensor3D {
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    const zero = tf.zerosLike(a.object);
    const cols = [au, b0, model.decode(a.background, a.object, false), model.decode(b.background, zero, false), model.decode(a.background, zero, false), model.decode(b.background, a.object, false)];
    const [n, s] = au.shape;
    const rows = tf.stack(cols, 1).reshape([n * cols.length, s, s, 3]) as Tensor4D;
    return tileImages(rows, cols.length);
  });
}

/** Renders the grid and writes it as PNG. */
export async function writeSampleGrid(file: string, model: Genegan, au: Tensor4D, b0: Tensor4D): Promise<void> {
  const grid = renderSampleGrid(model, au, b0);
  try {
    await writeFile(file, await encodeImage(grid, 'png'));
  } finally {
    grid.dispose();
  }
}
