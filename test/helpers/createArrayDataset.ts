import { tf, type Tensor4D } from '../../src/backend/tf.ts';
import type { DatasetState, PairedDataset, Side } from '../../src/data/types.ts';
import { createRandom } from '../../src/shared/random.ts';

/**
 * An in-memory PairedDataset over two fixed image batches (tests, small experiments): per side an
 * endless seeded shuffle, reshuffled each epoch, with exact state()/restore().
 * @param images NHWC [N,S,S,3] in [0,1] per side; kept (not copied) until close().
 */
export function createArrayDataset(images: Record<Side, Tensor4D>, seed = 0): PairedDataset {
  const counts = { with: images.with.shape[0], without: images.without.shape[0] };
  const pos: DatasetState = { with: { epoch: 0, position: 0 }, without: { epoch: 0, position: 0 } };
  const orders = new Map<string, number[]>();
  const order = (side: Side, epoch: number): number[] => {
    const key = `${side}/${epoch}`;
    let o = orders.get(key);
    if (o === undefined) {
      o = permutation(counts[side], seed * 7 + epoch * 2 + (side === 'with' ? 0 : 1));
      orders.set(key, o);
    }
    return o;
  };
  return {
    layout: 'synthetic',
    imageSize: images.with.shape[1],
    counts,
    skipped: 0,
    async next(side, batchSize) {
      const idx: number[] = [];
      const p = pos[side];
      while (idx.length < batchSize) {
        idx.push(order(side, p.epoch)[p.position]);
        p.position += 1;
        if (p.position === counts[side]) {
          p.epoch += 1;
          p.position = 0;
        }
      }
      return tf.tidy(() => tf.gather(images[side], tf.tensor1d(idx, 'int32')) as Tensor4D);
    },
    state: () => structuredClone(pos),
    restore(state) {
      pos.with = { ...state.with };
      pos.without = { ...state.without };
    },
    async close() {},
  };
}

function permutation(n: number, seed: number): number[] {
  const random = createRandom(seed);
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
