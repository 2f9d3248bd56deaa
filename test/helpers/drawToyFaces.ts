import { tf, type Tensor4D } from '../../src/backend/tf.ts';
import { createRandom } from '../../src/shared/random.ts';

/** Eye-band rows and columns of the toy "glasses" at 64 px (scaled with the size). */
const BAND = { top: 24 / 64, bottom: 31 / 64, left: 12 / 64, right: 52 / 64 };
const FACE = { cx: 0.5, cy: 0.55, rx: 0.3, ry: 0.38 };

/**
 * Very simple faces for fast tests: a coloured background, a skin-toned ellipse and, with the
 * attribute, a dark band across the eyes ("glasses"). Deterministic per seed.
 * @returns NHWC [count, size, size, 3] in [0,1]; the caller disposes it.
 */
export function drawToyFaces(count: number, size: number, withAttribute: boolean, seed: number): Tensor4D {
  const random = createRandom(seed);
  const data = new Float32Array(count * size * size * 3);
  for (let n = 0; n < count; n++) {
    const bg = [random.uniform(), random.uniform(), random.uniform()];
    const tone = 0.35 + 0.55 * random.uniform();
    const skin = [tone, tone * 0.8, tone * 0.65];
    const band = [0.1 * random.uniform(), 0.1 * random.uniform(), 0.3 * random.uniform()];
    const shift = (random.uniform() - 0.5) * 0.06;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const u = x / size - shift;
        const v = y / size;
        const inFace = ((u - FACE.cx) / FACE.rx) ** 2 + ((v - FACE.cy) / FACE.ry) ** 2 <= 1;
        const inBand = withAttribute && v >= BAND.top && v < BAND.bottom && u >= BAND.left && u < BAND.right;
        const rgb = inBand ? band : inFace ? skin : bg;
        data.set(rgb, ((n * size + y) * size + x) * 3);
      }
    }
  }
  return tf.tensor4d(data, [count, size, size, 3]);
}
