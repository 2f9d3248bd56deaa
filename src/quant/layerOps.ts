import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { LEAKY_SLOPE, STRIDE } from '../model/constants.ts';
import type { GeneratorLayer } from './types.ts';

/**
 * src/model's conv 4x4 s2 SAME ('down', kernel [4,4,Cin,Cout]) or deconv 4x4 s2 SAME ('up',
 * kernel [4,4,Cout,Cin]) on NHWC [N,H,W,Cin] inputs of any range (float or integer codes).
 * @returns NHWC [N,H/2,W/2,Cout] or [N,2H,2W,Cout].
 */
export function convLayer(layer: GeneratorLayer, x: Tensor4D, kernel: Tensor4D): Tensor4D {
  if (layer.kind === 'down') return tf.conv2d(x, kernel, STRIDE, 'same');
  const [n, h, w] = x.shape;
  return tf.conv2dTranspose(x, kernel, [n, h * STRIDE, w * STRIDE, kernel.shape[2]], STRIDE, 'same');
}

/** The layer's nonlinearity: LeakyReLU 0.2, ReLU, or (tanh + 1) / 2 for the RGB output in [0,1]. */
export function activateLayer(layer: GeneratorLayer, y: Tensor): Tensor4D {
  switch (layer.activation) {
    case 'leaky':
      return tf.leakyRelu(y, LEAKY_SLOPE) as Tensor4D;
    case 'relu':
      return tf.relu(y) as Tensor4D;
    case 'tanh01':
      return tf.mul(tf.add(tf.tanh(y), 1), 0.5) as Tensor4D;
  }
}
