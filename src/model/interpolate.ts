import type { Tensor4D } from '../backend/tf.ts';
import { decodeWithMixedObjects } from './decodeWithMixedObjects.ts';
import type { Genegan } from './types.ts';

/**
 * Interpolates between two exemplars' object parts on each target (spec "Inference operations"):
 * step j of `steps` uses (1 - t) x_from + t x_to with t = j / (steps - 1).
 * @param targets NHWC [N,S,S,3] in [0,1]; @param from, to NHWC [1,S,S,3] in [0,1].
 * @returns NHWC [N*steps,S,S,3] in [0,1], index n*steps + j. The caller disposes it.
 */
export function interpolate(model: Genegan, targets: Tensor4D, from: Tensor4D, to: Tensor4D, steps: number): Tensor4D {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`interpolate steps: expected an integer >= 2, but got ${steps}`);
  for (const [name, t] of [['from', from], ['to', to]] as const) {
    if (t.shape[0] !== 1) throw new Error(`interpolate ${name}: expected one exemplar [1,S,S,3], but got [${t.shape.join(',')}]`);
  }
  const weights = Array.from({ length: steps }, (_, j) => {
    const t = j / (steps - 1);
    return [1 - t, t];
  });
  const exemplars = from.concat(to, 0) as Tensor4D;
  try {
    return decodeWithMixedObjects(model, targets, exemplars, weights);
  } finally {
    exemplars.dispose();
  }
}
