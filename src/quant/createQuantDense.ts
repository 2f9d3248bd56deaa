import { tf, type Tensor2D, type Tensor3D, type Variable } from '../backend/tf.ts';
import { checkBits } from './checkBits.ts';
import { initBias, initKernel, recurrentQuant } from './recurrentQuant.ts';

/** The softmax (readout) layer of a bit-rnn model: logits = h Q(tanh W) + b, bias float. */
export interface QuantDense {
  /** hs [N, T, D] -> logits [N, T, units] (no softmax applied). */
  apply(hs: Tensor3D): Tensor3D;
  variables(): Variable[];
  dispose(): void;
}

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
