import { tf, type Tensor } from '../backend/tf.ts';
import { checkBits, topLevel } from './checkBits.ts';
import { unaryCustomGrad } from './unaryCustomGrad.ts';

/**
 * Fake-quantizes activations (spec "Uniform k-bit quantizer (DoReFa)", activations): clip to
 * [0, 1] — the clip is the nonlinearity — then quantize_k(v) = round((2^k-1) v) / (2^k-1), with
 * round half to even as tfjs's round. Any shape (e.g. NHWC [N, H, W, C]); output in [0, 1] on the
 * 2^k levels c / (2^k-1).
 * Gradient: straight through round, so dy passes unchanged where 0 <= x <= 1 and is zero outside
 * the clip range (the clip's own derivative; the bounds count as inside, as tfjs's clipByValue).
 */
export function fakeQuantActivation(x: Tensor, bits: number): Tensor {
  checkBits(bits, 'fakeQuantActivation bits');
  const top = topLevel(bits);
  const op = unaryCustomGrad((input) => ({
    value: tf.tidy(() => tf.round(tf.clipByValue(input, 0, 1).mul(top)).div(top)),
    gradFunc: (dy, saved) => tf.tidy(() => dy.mul(tf.logicalAnd(saved.greaterEqual(0), saved.lessEqual(1)).cast('float32'))),
  }));
  return op(x);
}

/**
 * Integer activation codes round((2^k-1) clip(x, 0, 1)) as float32 (exact small integers), for the
 * low-bit path: fakeQuantActivation(x) = activationCodes(x) / (2^k-1). Same layout as x; no gradient.
 */
export function activationCodes(x: Tensor, bits: number): Tensor {
  checkBits(bits, 'activationCodes bits');
  return tf.tidy(() => tf.round(tf.clipByValue(x, 0, 1).mul(topLevel(bits))));
}
