import { tf, type Tensor } from '../backend/tf.ts';
import { checkBits } from './checkBits.ts';
import { dequantize } from './dequantize.ts';
import { doReFaRange } from './doReFaCodes.ts';
import { weightCodes } from './weightCodes.ts';
import { unaryCustomGrad } from './unaryCustomGrad.ts';
import type { WeightQuantizer } from './types.ts';

/**
 * Fake-quantizes a weight tensor for quantization-aware training: the forward value is the k-bit
 * quantized tensor (same shape, any layout — a conv kernel [kh, kw, in, out] as tfjs stores it),
 * the backward pass is a straight-through estimator. Values lie on 2^k evenly spaced levels in
 * [-scale, scale] (see weightCodes / dequantize; identical to what packed model files store).
 *
 * Gradients (spec/quantization.md; statistics — max, mean, percentiles — carry none):
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
