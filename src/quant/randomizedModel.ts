import { tf } from '../backend/tf.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { presetConfig } from '../model/presets.ts';
import type { Genegan } from '../model/types.ts';
import type { QuantConfig } from './types.ts';

/**
 * A tiny generator for tests and benchmarks whose BN parameters, moving statistics and output
 * bias are randomised (seeded) — a fresh model's BN is the identity and would hide folding bugs.
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
