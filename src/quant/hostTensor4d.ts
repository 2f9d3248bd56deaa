import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';

/** A rank-4 tensor from host values (a kernel [kh, kw, a, b]); throws unless the shape is rank 4. */
export function hostTensor4d(values: Float32Array, shape: readonly number[]): Tensor4D {
  if (shape.length !== 4) throw new Error(`expected a rank-4 kernel shape, but got [${shape.join(',')}]`);
  const t: Tensor = tf.tensor(values, [...shape]);
  return t as Tensor4D;
}
