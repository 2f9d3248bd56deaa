import { tf, type Tensor, type Variable } from '../backend/tf.ts';
import { fakeQuantActivation } from './fakeQuantActivation.ts';
import { fakeQuantWeight } from './fakeQuantWeight.ts';

/**
 * The quantizers of a bit-rnn layer (spec "Recurrent networks"), or identities for a float layer:
 * - weight(W): Q(tanh W) with the mean-scaled quantizer (STE through round and clip);
 * - act(x): quantize_k(x) for values already in [0, 1] (gate products, candidates, states).
 */
export interface RecurrentQuant {
  weight(w: Tensor): Tensor;
  act(x: Tensor): Tensor;
}

export function recurrentQuant(bits: number | null): RecurrentQuant {
  if (bits === null) return { weight: (w) => w, act: (x) => x };
  return {
    weight: (w) => fakeQuantWeight(tf.tanh(w), 'mean-scaled', bits),
    act: (x) => fakeQuantActivation(x, bits),
  };
}

/** A [rows, cols] kernel N(0, 1/rows) from a seed (Glorot-like scale, deterministic). */
export function initKernel(rows: number, cols: number, seed: number): Variable {
  return ownVariable(tf.randomNormal([rows, cols], 0, 1 / Math.sqrt(rows), 'float32', seed));
}

/** A [n] bias filled with `value`. */
export function initBias(n: number, value = 0): Variable {
  return ownVariable(tf.fill([n], value));
}

/** A trainable variable holding `initial`, which it takes over (the variable shares its data). */
export function ownVariable(initial: Tensor): Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/** Throws unless xs is [N, T, inputSize]. */
export function checkSequence(xs: Tensor, inputSize: number, layer: string): void {
  if (xs.rank !== 3 || xs.shape[2] !== inputSize) {
    throw new Error(`${layer}: expected inputs [N,T,${inputSize}], but got [${xs.shape.join(',')}]`);
  }
}
