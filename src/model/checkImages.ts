import type { Tensor4D } from '../backend/tf.ts';
import { RGB_CHANNELS } from './constants.ts';
import type { Genegan } from './types.ts';

/** Throws "what: expected [N,S,S,3] ..., but got [...]" unless `images` fits the model (and `count`). */
export function checkImages(model: Genegan, images: Tensor4D, what: string, count?: number): void {
  const s = model.config.imageSize;
  const [n, h, w, c] = images.shape;
  const want = `[${count ?? 'N'},${s},${s},${RGB_CHANNELS}]`;
  if (images.rank !== 4 || h !== s || w !== s || c !== RGB_CHANNELS || n < 1 || (count !== undefined && n !== count)) {
    throw new Error(`${what}: expected images ${want}, but got [${images.shape.join(',')}]`);
  }
}
