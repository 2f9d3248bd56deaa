import { tf, type Tensor } from '../backend/tf.ts';

/** Forward of a one-input op with a hand-written backward (the straight-through estimators). */
export type UnaryForward = (x: Tensor) => { value: Tensor; gradFunc: (dy: Tensor, x: Tensor) => Tensor };

/**
 * tf.customGrad for a single input, typed: the input is saved for the backward pass, which
 * receives (dy, x). The value keeps x's shape; the gradient must too.
 */
export function unaryCustomGrad(forward: UnaryForward): (x: Tensor) => Tensor {
  const op = tf.customGrad(((x: Tensor, save: (ts: Tensor[]) => void) => {
    save([x]);
    const { value, gradFunc } = forward(x);
    return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => gradFunc(dy, saved[0]) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (x: Tensor) => op(x);
}
