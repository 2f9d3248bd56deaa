import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { createGenegan } from './createGenegan.ts';
import { presetConfig } from './presets.ts';
import type { Genegan, GeneganConfig } from './types.ts';

/** Test helper: the project's backend (GENEGAN_BACKEND respected), logging silenced. */
export async function testBackend(): Promise<void> {
  await selectBackend({ log: () => {} });
}

/** Test helper: a `tiny` model whose BN moving stats have moved off their initial values. */
export function tinyModel(seed = 1, overrides: Partial<GeneganConfig> = {}): Genegan {
  return createGenegan({ ...presetConfig('tiny'), ...overrides }, { seed });
}

/** Test helper: uniform random images NHWC [n,64,64,3] in [0,1] from a seed. */
export function randomImages(n: number, seed: number, size = 64): Tensor4D {
  return tf.randomUniform([n, size, size, 3], 0, 1, 'float32', seed) as Tensor4D;
}

/** Largest absolute difference of two tensors. */
export function maxAbsDiff(a: Tensor, b: Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** [min, max] of a tensor. */
export function range(t: Tensor): [number, number] {
  return tf.tidy(() => [tf.min(t).dataSync()[0], tf.max(t).dataSync()[0]]);
}
