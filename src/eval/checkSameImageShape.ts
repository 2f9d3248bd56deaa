import type { Tensor } from '../backend/tf.ts';

/** Image metrics compare NHWC batches pixel by pixel: both must be rank 4 with equal shapes. */
export function checkSameImageShape(a: Tensor, b: Tensor, what: string): void {
  if (a.rank !== 4 || b.rank !== 4) {
    throw new Error(`${what}: expected two NHWC images [N,H,W,C], but got shapes [${a.shape}] and [${b.shape}]`);
  }
  if (a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${what}: expected equal shapes, but got [${a.shape}] and [${b.shape}]`);
  }
}
