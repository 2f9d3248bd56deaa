/**
 * bit-rnn's quantized recurrent layers (He et al. 2016, "Effective Quantization Methods for
 * Recurrent Neural Networks"; docs/quantization.md, "Quantized recurrent cells"): GRU and LSTM over
 * whole sequences and the dense readout, with kernels Q(tanh W) (the mean-scaled quantizer),
 * activations quantize_k on [0, 1], biases float. bits = null builds the same layers in float, the
 * baseline the quantized ones are compared with. Layouts: sequences [N, T, D] (batch first).
 */
import { tf, type Tensor, type Tensor2D, type Tensor3D, type Variable } from '../backend/tf.ts';
import { fakeQuantActivation, fakeQuantWeight } from './fakeQuant.ts';
import { checkBits } from './levels.ts';
import type { RecurrentCellConfig } from './types.ts';

/** A recurrent layer over whole sequences (see createQuantGru / createQuantLstm). */
export interface RecurrentLayer {
  readonly config: RecurrentCellConfig;
  /** xs [N, T, D] with values in [0, 1] -> hidden states [N, T, U] in [0, 1]. */
  run(xs: Tensor3D): Tensor3D;
  variables(): Variable[];
  dispose(): void;
}

/** The softmax (readout) layer of a bit-rnn model: logits = h Q(tanh W) + b, bias float. */
export interface QuantDense {
  /** hs [N, T, D] -> logits [N, T, units] (no softmax applied). */
  apply(hs: Tensor3D): Tensor3D;
  variables(): Variable[];
  dispose(): void;
}

/**
 * The quantizers of a bit-rnn layer, or identities for a float layer:
 * - weight(W): Q(tanh W) with the mean-scaled quantizer (STE through round and clip);
 * - act(x): quantize_k(x) for values already in [0, 1] (gate products, candidates, states).
 */
interface RecurrentQuant {
  weight(w: Tensor): Tensor;
  act(x: Tensor): Tensor;
}

function recurrentQuant(bits: number | null): RecurrentQuant {
  if (bits === null) return { weight: (w) => w, act: (x) => x };
  return {
    weight: (w) => fakeQuantWeight(tf.tanh(w), 'mean-scaled', bits),
    act: (x) => fakeQuantActivation(x, bits),
  };
}

/**
 * bit-rnn's quantized GRU:
 *   [r, z] = sigmoid(x W_rz + h U_rz + b_rz)       gates, not quantized
 *   c      = q(sigmoid(x W_c + q(r * h) U_c + b_c)) candidate uses sigmoid (not tanh), quantized
 *   h_t    = q(z * h + (1 - z) * c)
 * with q = quantize_k, kernels Q(tanh W) (mean-scaled), biases float, h_0 = q(sigmoid(0)).
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

/**
 * bit-rnn's quantized LSTM:
 *   [i, f, o, g] = sigmoid(x W + h U + b)   sigmoid activations (g too)
 *   c_t = f * c + i * g                     cell state stays float
 *   h_t = q(sigmoid(c_t) * o)               quantized interlink
 * with kernels Q(tanh W) (mean-scaled), biases float, h_0 = q(sigmoid(0)), c_0 = 0.
 * The forget-gate bias starts at 1 (a common LSTM initialisation).
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

/** The readout of a bit-rnn model, quantized like its recurrent layer (bits = null: float). */
export function createQuantDense(inputSize: number, units: number, bits: number | null, seed = 0): QuantDense {
  if (bits !== null) checkBits(bits, 'dense bits');
  const w = initKernel(inputSize, units, seed);
  const b = initBias(units);
  const quant = recurrentQuant(bits);
  return {
    apply(hs) {
      if (hs.rank !== 3 || hs.shape[2] !== inputSize) {
        throw new Error(`dense: expected [N,T,${inputSize}], but got [${hs.shape.join(',')}]`);
      }
      return tf.tidy(() => {
        const [n, t] = hs.shape;
        const flat = hs.reshape([n * t, inputSize]) as Tensor2D;
        return flat.matMul(quant.weight(w) as Tensor2D).add(b).reshape([n, t, units]) as Tensor3D;
      });
    },
    variables: () => [w, b],
    dispose: () => tf.dispose([w, b]),
  };
}

/** A [rows, cols] kernel N(0, 1/rows) from a seed (Glorot-like scale, deterministic). */
function initKernel(rows: number, cols: number, seed: number): Variable {
  return ownVariable(tf.randomNormal([rows, cols], 0, 1 / Math.sqrt(rows), 'float32', seed));
}

/** A [n] bias filled with `value`. */
function initBias(n: number, value = 0): Variable {
  return ownVariable(tf.fill([n], value));
}

/** A trainable variable holding `initial`, which it takes over (the variable shares its data). */
function ownVariable(initial: Tensor): Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/** Throws unless xs is [N, T, inputSize]. */
function checkSequence(xs: Tensor, inputSize: number, layer: string): void {
  if (xs.rank !== 3 || xs.shape[2] !== inputSize) {
    throw new Error(`${layer}: expected inputs [N,T,${inputSize}], but got [${xs.shape.join(',')}]`);
  }
}
