import { tf, type Tensor, type Tensor2D, type Tensor3D, type Variable } from '../backend/tf.ts';
import { checkBits } from './checkBits.ts';
import { checkSequence, initBias, initKernel, recurrentQuant, type RecurrentQuant } from './recurrentQuant.ts';
import type { RecurrentCellConfig } from './types.ts';

/** A recurrent layer over whole sequences (see createQuantGru / createQuantLstm). */
export interface RecurrentLayer {
  readonly config: RecurrentCellConfig;
  /** xs [N, T, D] with values in [0, 1] -> hidden states [N, T, U] in [0, 1]. */
  run(xs: Tensor3D): Tensor3D;
  variables(): Variable[];
  dispose(): void;
}

/**
 * bit-rnn's quantized GRU (spec "Recurrent networks", GRU):
 *   [r, z] = sigmoid(x W_rz + h U_rz + b_rz)       gates, not quantized
 *   c      = q(sigmoid(x W_c + q(r * h) U_c + b_c)) candidate uses sigmoid (not tanh), quantized
 *   h_t    = q(z * h + (1 - z) * c)
 * with q = quantize_k, kernels Q(tanh W) (mean-scaled), biases float, h_0 = q(sigmoid(0)).
 * bits = null gives the same equations in float.
 */
export function createQuantGru(config: RecurrentCellConfig): RecurrentLayer {
  const cfg = { seed: 0, ...config };
  if (cfg.bits !== null) checkBits(cfg.bits, 'GRU bits');
  const { inputSize: d, units: u, seed } = cfg;
  const vars = {
    wRz: initKernel(d, 2 * u, seed),
    uRz: initKernel(u, 2 * u, seed + 1),
    bRz: initBias(2 * u),
    wC: initKernel(d, u, seed + 2),
    uC: initKernel(u, u, seed + 3),
    bC: initBias(u),
  };
  const quant = recurrentQuant(cfg.bits);
  return {
    config: cfg,
    run(xs) {
      checkSequence(xs, d, 'GRU');
      return tf.tidy(() => {
        const k = { wRz: quant.weight(vars.wRz), uRz: quant.weight(vars.uRz), wC: quant.weight(vars.wC), uC: quant.weight(vars.uC) };
        let h = quant.act(tf.fill([xs.shape[0], u], 0.5)) as Tensor2D;
        const outputs: Tensor2D[] = [];
        for (const x of tf.unstack(xs, 1) as Tensor2D[]) {
          h = gruStep(x, h, k, vars, quant, u);
          outputs.push(h);
        }
        return tf.stack(outputs, 1) as Tensor3D;
      });
    },
    variables: () => Object.values(vars),
    dispose: () => Object.values(vars).forEach((v) => v.dispose()),
  };
}

function gruStep(
  x: Tensor2D,
  h: Tensor2D,
  k: Record<'wRz' | 'uRz' | 'wC' | 'uC', Tensor>,
  vars: { bRz: Variable; bC: Variable },
  quant: RecurrentQuant,
  units: number,
): Tensor2D {
  const gates = tf.sigmoid(x.matMul(k.wRz as Tensor2D).add(h.matMul(k.uRz as Tensor2D)).add(vars.bRz));
  const [r, z] = tf.split(gates, [units, units], 1);
  const rh = quant.act(r.mul(h)) as Tensor2D;
  const c = quant.act(tf.sigmoid(x.matMul(k.wC as Tensor2D).add(rh.matMul(k.uC as Tensor2D)).add(vars.bC)));
  return quant.act(z.mul(h).add(tf.scalar(1).sub(z).mul(c))) as Tensor2D;
}
