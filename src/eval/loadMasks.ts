import { existsSync } from 'node:fs';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { readRgb } from '../data/readRgb.ts';
import { MASKS_DIR, MASK_FOR_ATTRIBUTE } from './constants.ts';

/**
 * The folder of one attribute's masks in a synthetic set (genegan synth --masks), or null when the
 * set has none for this attribute (then preservation is not measured).
 */
export function maskFolder(dataDir: string, attribute: string): string | null {
  const name = MASK_FOR_ATTRIBUTE[attribute.toLowerCase()];
  if (name === undefined) return null;
  const dir = path.join(dataDir, MASKS_DIR, name);
  return existsSync(dir) ? dir : null;
}

/**
 * The masks of images `ids` (000001.jpg -> <folder>/000001.png), resized to `size` and thresholded
 * at one half: 1 where the attribute is drawn.
 * @returns NHWC float32 [N, size, size, 1] of 0/1; the caller disposes it
 */
export async function loadMasks(folder: string, ids: readonly string[], size: number): Promise<Tensor4D> {
  const pixels = new Float32Array(ids.length * size * size);
  await Promise.all(
    ids.map(async (id, n) => {
      const file = path.join(folder, id.replace(/\.[^.]+$/, '') + '.png');
      const img = await readRgb(file, size).catch((err: Error) => {
        throw Object.assign(new Error(`${file}: cannot read the attribute mask of ${id} (${err.message.split('\n')[0]})`), { userFacing: true });
      });
      for (let i = 0; i < size * size; i++) pixels[n * size * size + i] = img.data[i * 3] >= 128 ? 1 : 0;
    }),
  );
  return tf.tensor4d(pixels, [ids.length, size, size, 1]);
}
