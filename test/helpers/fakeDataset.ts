import { tf, type Tensor4D } from '../../src/backend/tf.ts';
import { createRandom } from '../../src/shared/random.ts';
import type { EvalDataset, EvalSide } from '../../src/eval/types.ts';

/**
 * An in-memory EvalDataset for tests: `counts[side]` images drawn by `draw(side, index)` as HWC
 * float32 in [0, 1]. Deterministic; next() cycles through a side in order.
 */
export function fakeDataset(
  size: number,
  counts: Record<EvalSide, number>,
  draw: (side: EvalSide, index: number, pixels: Float32Array) => void,
): EvalDataset {
  const position: Record<EvalSide, number> = { with: 0, without: 0 };
  const ids = (side: EvalSide) => Array.from({ length: counts[side] }, (_, i) => `${side}-${String(i).padStart(4, '0')}.png`);
  const render = (side: EvalSide, indices: number[]): Tensor4D => {
    const pixels = new Float32Array(indices.length * size * size * 3);
    indices.forEach((index, n) => draw(side, index, pixels.subarray(n * size * size * 3, (n + 1) * size * size * 3)));
    return tf.tensor4d(pixels, [indices.length, size, size, 3]);
  };
  return {
    layout: 'fake',
    imageSize: size,
    counts,
    skipped: 0,
    attribute: 'Fake',
    split: 'test',
    ids,
    async batchAt(side, start, count) {
      const indices = Array.from({ length: Math.max(0, Math.min(count, counts[side] - start)) }, (_, i) => start + i);
      return { images: render(side, indices), ids: indices.map((i) => ids(side)[i]) };
    },
    async next(side, batchSize) {
      const indices = Array.from({ length: batchSize }, () => position[side]++ % counts[side]);
      return render(side, indices);
    },
    async close() {},
  };
}

/**
 * A drawing for fakeDataset: noisy grey faces; the "with" side has a dark horizontal bar across
 * the upper third (a crude pair of glasses), whose shade encodes `index % 2` (two "colours").
 */
export function drawBarFace(size: number): (side: EvalSide, index: number, pixels: Float32Array) => void {
  return (side, index, pixels) => {
    const random = createRandom(index * 2 + (side === 'with' ? 1 : 0));
    const barTop = Math.floor(size / 3);
    const barHeight = Math.max(1, Math.floor(size / 8));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const bar = side === 'with' && y >= barTop && y < barTop + barHeight;
        const base = bar ? (index % 2 === 0 ? 0.05 : 0.35) : 0.6;
        for (let c = 0; c < 3; c++) pixels[(y * size + x) * 3 + c] = Math.min(1, Math.max(0, base + 0.1 * (random.uniform() - 0.5)));
      }
    }
  };
}
