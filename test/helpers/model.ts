import { tf, type Tensor, type Tensor4D } from '../../src/backend/tf.ts';
import { selectBackend } from '../../src/backend/selectBackend.ts';
import { createGenegan } from '../../src/model/createGenegan.ts';
import { presetConfig } from '../../src/model/presets.ts';
import type { QuantConfig } from '../../src/quant/types.ts';
import type { Genegan, GeneganConfig } from '../../src/model/types.ts';

/** Test helper: the project's backend (GENEGAN_BACKEND respected), logging silenced. */
export async function testBackend(): Promise<void> {
  await selectBackend({ log: () => {} });
}

/** Test helper: a `tiny` model whose BN moving stats have moved off their initial values. */
export function tinyModel(seed = 1, overrides: Partial<GeneganConfig> = {}): Genegan {
  return createGenegan({ ...presetConfig('tiny'), ...overrides }, { seed });
}

/**
 * A generator for tests and benchmarks whose BN parameters, moving statistics and output bias are
 * randomised (seeded): a fresh model's BN is the identity and would hide folding bugs.
 */
export function randomizedModel(preset: string, seed: number, quant?: QuantConfig): Genegan {
  const model = createGenegan({ ...presetConfig(preset), quant }, { seed, critics: false });
  let s = seed * 100;
  for (const e of model.entries()) {
    const shape = e.variable.shape;
    const draw = (lo: number, hi: number) => tf.randomUniform(shape, lo, hi, 'float32', ++s);
    let value: tf.Tensor | null = null;
    if (e.name.endsWith('/gamma') || e.name.endsWith('/moving_variance')) value = draw(0.5, 1.5);
    else if (e.name.endsWith('/beta') || e.name.endsWith('/moving_mean') || e.name.endsWith('/bias')) value = draw(-0.2, 0.2);
    if (value !== null) {
      e.variable.assign(value);
      value.dispose();
    }
  }
  return model;
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
