import { tf, type Tensor2D, type Tensor3D } from '../backend/tf.ts';
import { checkBits } from './checkBits.ts';
import type { RecurrentLayer } from './createQuantGru.ts';
import { checkSequence, initKernel, ownVariable, recurrentQuant } from './recurrentQuant.ts';
import type { RecurrentCellConfig } from './types.ts';

/**
 * bit-rnn's quantized LSTM (spec "Recurrent networks", LSTM):
 *   [i, f, o, g] = sigmoid(x W + h U + b)   sigmoid activations (g too)
 *   c_t = f * c + i * g                     cell state stays float
 *   h_t = q(sigmoid(c_t) * o)               quantized interlink
 * with kernels Q(tanh W) (mean-scaled), biases float, h_0 = q(sigmoid(0)), c_0 = 0.
 * The forget-gate bias starts at 1 (a common LSTM initialisation). bits = null: float.
 */
export function createQuantLstm(config: RecurrentCellConfig): RecurrentLayer {
  const cfg = { seed: 0, ...config };
  if (cfg.bits !== null) checkBits(cfg.bits, 'LSTM bits');
  const { inputSize: d, units: u, seed } = cfg;
  const gateCount = 4;
  const forgetBias = tf.tidy(() => tf.concat([tf.zeros([u]), tf.ones([u]), tf.zeros([2 * u])]));
  const vars = { w: initKernel(d, gateCount * u, seed), u: initKernel(u, gateCount * u, seed + 1), b: ownVariable(forgetBias) };
  const quant = recurrentQuant(cfg.bits);
  return {
    config: cfg,
    run(xs) {
      checkSequence(xs, d, 'LSTM');
      return tf.tidy(() => {
        const w = quant.weight(vars.w) as Tensor2D;
        const uq = quant.weight(vars.u) as Tensor2D;
        let h = quant.act(tf.fill([xs.shape[0], u], 0.5)) as Tensor2D;
        let c = tf.zeros([xs.shape[0], u]) as Tensor2D;
        const outputs: Tensor2D[] = [];
        for (const x of tf.unstack(xs, 1) as Tensor2D[]) {
          const [i, f, o, g] = tf.split(tf.sigmoid(x.matMul(w).add(h.matMul(uq)).add(vars.b)), gateCount, 1);
          c = f.mul(c).add(i.mul(g));
          h = quant.act(tf.sigmoid(c).mul(o)) as Tensor2D;
          outputs.push(h);
        }
        return tf.stack(outputs, 1) as Tensor3D;
      });
    },
    variables: () => Object.values(vars),
    dispose: () => Object.values(vars).forEach((v) => v.dispose()),
  };
}
