/**
 * The quantizers as tensor ops for quantization-aware training (docs/quantization.md, "The
 * quantizers" and "Quantization-aware training"): the forward value is the quantized tensor, the
 * backward pass a straight-through estimator (STE, DoReFa-Net). Weights go through `weightCodes`,
 * the one entry point to every per-tensor quantizer, so the fake-quantized training path and the
 * packed model files agree bit for bit.
 */
import { tf, type Tensor } from '../backend/tf.ts';
import { balancedCodes } from './balanced.ts';
import { checkBits, dequantize, topLevel } from './levels.ts';
import { doReFaRange, meanScaledCodes, uniformCodes } from './uniform.ts';
import { WEIGHT_QUANTIZERS, type WeightCodes, type WeightQuantizer } from './types.ts';

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
      throw Object.assign(
        new TypeError(`quantization method: expected one of ${WEIGHT_QUANTIZERS.join('|')}, but got "${String(method)}"`),
        { userFacing: true },
      );
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
 * Fake-quantizes activations (DoReFa's activation quantizer): clip to [0, 1] — the clip is the
 * nonlinearity — then quantize_k(v) = round((2^k-1) v) / (2^k-1), with round half to even as
 * tfjs's round. Any shape (e.g. NHWC [N, H, W, C]); output in [0, 1] on the 2^k levels c / (2^k-1).
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
