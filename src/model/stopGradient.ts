import { tf, type Tensor } from '../backend/tf.ts';

/**
 * Identity whose gradient is zero (tfjs has no tf.stopGradient). Used where the spec says a
 * statistic carries no gradient (spectral-norm vectors).
 */
const identityWithoutGradient = tf.customGrad((...inputs) => {
  const x = inputs[0] as Tensor;
  return { value: x.clone(), gradFunc: (dy: Tensor) => tf.zerosLike(dy) };
});

export function stopGradient<T extends Tensor>(x: T): T {
  return identityWithoutGradient(x) as T;
}
