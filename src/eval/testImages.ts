import { tf, type Tensor4D } from '../backend/tf.ts';

/**
 * Deterministic test patterns (the same formulas produced the numpy reference values in the tests):
 * x[i,j,c] = ((7i + 3j + 5c) mod 17) / 16 and y[i,j,c] = ((5i + 11j + 2c) mod 13) / 12.
 * @returns NHWC [1, size, size, 3] in [0, 1]
 */
export function patternImage(size: number, which: 'x' | 'y'): Tensor4D {
  const data = new Float32Array(size * size * 3);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      for (let c = 0; c < 3; c++) {
        data[(i * size + j) * 3 + c] = which === 'x' ? ((7 * i + 3 * j + 5 * c) % 17) / 16 : ((5 * i + 11 * j + 2 * c) % 13) / 12;
      }
    }
  }
  return tf.tensor4d(data, [1, size, size, 3]);
}
