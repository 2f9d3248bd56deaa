/**
 * The quantizers as tensor ops for quantization-aware training (docs/quantization.md "Gradients",
 * "Activation quantization" and "Quantization-aware training"): the forward value is the quantized tensor, the
 * backward pass a straight-through estimator (STE, DoReFa-Net). Weights go through `weightCodes`,
 * the one entry point to every per-tensor quantizer, so the fake-quantized training path and the
 * packed model files agree bit for bit.
 */
import { tf, type Tensor } from '../backend/tf.ts';
import { balancedCodes } from './balanced.ts';
import { checkBits, dequantize, topLevel } from './levels.ts';
import { doReFaRange, meanScaledCodes, uniformCodes } from './uniform.ts';
import { WEIGHT_QUANTIZERS, type WeightCodes, type WeightQuantizer } from './types.ts';
import { UserError } from '../shared/errors.ts';

/** Level codes + scale of one weight tensor (data in element order) for any quantizer of the library. */
export function weightCodes(values: ArrayLike<number>, method: WeightQuantizer, bits: number): WeightCodes {
  switch (method) {
    case 'balanced':
      return balancedCodes(values, bits, false);
    case 'balanced-exact':
      return balancedCodes(values, bits, true);
    case 'uniform':
      return uniformCodes(values, bits);
    case 'mean-scaled':
      return meanScaledCodes(values, bits);
    default:
      throw new UserError('usage', `quantization method: expected one of ${WEIGHT_QUANTIZERS.join('|')}, but got "${String(method)}"`);
  }
}

/**
 * Fake-quantizes a weight tensor: same shape, any layout (a conv kernel [kh, kw, in, out] as tfjs
 * stores it). Values lie on 2^k evenly spaced levels in [-scale, scale] (weightCodes, dequantize;
 * identical to what packed model files store).
 *
 * Gradients (statistics — max, mean, percentiles — carry none):
 * - 'balanced', 'balanced-exact': identity. The whole quantizer (equalise + round) is passed
 *   straight through: it maps [-scale, scale] monotonically onto itself, and the per-leaf slopes
 *   of the equalisation (up to ~2^k / (2^k-1) * scale / leaf width) would only add noise.
 * - 'uniform' (DoReFa levels scaled to max|W|, see uniformCodes), k > 1: round is the identity, so
 *   dW_q/dW = max|W| (1 - tanh^2 W) / max|tanh W| (about 1 for small weights).
 * - 'uniform', k = 1: sign(W) * E with identity gradient (DoReFa's sign STE, E constant).
 * - 'mean-scaled' (bit-rnn): identity (straight through round and clip).
 * The statistics are read with dataSync (CPU and wasm backends keep data on the host anyway).
 */
export function fakeQuantWeight(w: Tensor, method: WeightQuantizer, bits: number): Tensor {
  checkBits(bits, 'fakeQuantWeight bits');
  const op = unaryCustomGrad((x) => {
    const data = x.dataSync();
    const codes = weightCodes(data, method, bits);
    const value = tf.tensor(dequantize(codes), x.shape, 'float32');
    const tanhSlope = method === 'uniform' && bits > 1;
    const range = tanhSlope ? doReFaRange(data) / codes.scale : 1;
    return {
      value,
      gradFunc: (dy, saved) =>
        tanhSlope ? tf.tidy(() => dy.mul(tf.scalar(1).sub(tf.square(tf.tanh(saved)))).div(range)) : dy.clone(),
    };
  });
  return op(w);
}

/**
 * The interval an activation quantizer covers, lo <= 0 < hi. [0, 1] is DoReFa's: the clip is the
 * nonlinearity and the network learns to fit it. A calibrated range (docs/quantization.md
 * "Activation ranges") covers what a layer's input really holds, negative LeakyReLU outputs too.
 */
export interface ActivationRange {
  lo: number;
  hi: number;
}

export const UNIT_RANGE: ActivationRange = { lo: 0, hi: 1 };

/**
 * The k-bit grid of a range: step 1 / inverseStep, and an integer zero point so that 0 is exactly a
 * level (zero padding stays exact on the integer path). Levels are q / inverseStep for integer
 * codes q in [qMin, qMax], qMax - qMin = 2^k - 1. For [0, 1]: inverseStep = 2^k - 1, qMin = 0.
 */
export interface ActivationGrid {
  inverseStep: number;
  qMin: number;
  qMax: number;
}

export function activationGrid(bits: number, range: ActivationRange = UNIT_RANGE): ActivationGrid {
  checkBits(bits, 'activation bits');
  if (!(range.lo <= 0 && range.hi > 0 && Number.isFinite(range.lo) && Number.isFinite(range.hi))) {
    throw new RangeError(`activation range: expected finite lo <= 0 < hi, but got [${range.lo}, ${range.hi}]`);
  }
  const top = topLevel(bits);
  const inverseStep = top / (range.hi - range.lo);
  const qMin = -Math.min(top, Math.round(-range.lo * inverseStep));
  return { inverseStep, qMin, qMax: qMin + top };
}

/**
 * Fake-quantizes activations onto the k-bit grid of `range` (DoReFa's activation quantizer when
 * the range is [0, 1]): clip to [qMin, qMax] / inverseStep, then round(v * inverseStep) /
 * inverseStep, with round half to even as tfjs's round. Any shape (e.g. NHWC [N, H, W, C]).
 * Gradient: straight through round, so dy passes unchanged inside the clip range (bounds count as
 * inside, as tfjs's clipByValue) and is zero outside it.
 */
export function fakeQuantActivation(x: Tensor, bits: number, range: ActivationRange = UNIT_RANGE): Tensor {
  const { inverseStep, qMin, qMax } = activationGrid(bits, range);
  const [lo, hi] = [qMin / inverseStep, qMax / inverseStep];
  const op = unaryCustomGrad((input) => ({
    value: tf.tidy(() => tf.round(tf.clipByValue(input, lo, hi).mul(inverseStep)).div(inverseStep)),
    gradFunc: (dy, saved) => tf.tidy(() => dy.mul(tf.logicalAnd(saved.greaterEqual(lo), saved.lessEqual(hi)).cast('float32'))),
  }));
  return op(x);
}

/**
 * Integer activation codes q = round(clip(x) * inverseStep) in [qMin, qMax] as float32 (exact
 * small integers; signed when the range has negatives), for the low-bit path:
 * fakeQuantActivation(x) = activationCodes(x) / inverseStep. Same layout as x; no gradient.
 */
export function activationCodes(x: Tensor, bits: number, range: ActivationRange = UNIT_RANGE): Tensor {
  const { inverseStep, qMin, qMax } = activationGrid(bits, range);
  return tf.tidy(() => tf.round(tf.clipByValue(x, qMin / inverseStep, qMax / inverseStep).mul(inverseStep)));
}

/** ||a - b||_2 / ||b||_2 over all elements (b is the reference); 0 when both are zero. */
export function relativeError(a: Tensor, b: Tensor): number {
  return tf.tidy(() => {
    const num = tf.norm(tf.sub(a, b)).dataSync()[0];
    const den = tf.norm(b).dataSync()[0];
    return den === 0 ? num : num / den;
  });
}

/** Forward of a one-input op with a hand-written backward (the straight-through estimators). */
type UnaryForward = (x: Tensor) => { value: Tensor; gradFunc: (dy: Tensor, x: Tensor) => Tensor };

/**
 * tf.customGrad for a single input, typed: the input is saved for the backward pass, which
 * receives (dy, x). The value keeps x's shape; the gradient must too.
 */
function unaryCustomGrad(forward: UnaryForward): (x: Tensor) => Tensor {
  const op = tf.customGrad(((x: Tensor, save: (ts: Tensor[]) => void) => {
    save([x]);
    const { value, gradFunc } = forward(x);
    return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => gradFunc(dy, saved[0]) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (x: Tensor) => op(x);
}
