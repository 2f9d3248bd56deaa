import type { Tensor4D } from '../backend/tf.ts';
import { decodeWithMixedObjects } from './decodeWithMixedObjects.ts';
import type { Genegan } from './types.ts';

/** Exemplars of the matrix grid: its four corners. */
export const MATRIX_EXEMPLARS = 4;

/**
 * The 4-exemplar attribute-subspace grid (spec "Inference operations", "matrix"): cell (r, c) with
 * a = r / (rows - 1), b = c / (cols - 1) mixes the exemplars' object parts with weights
 * (1-a)(1-b), (1-a)b, a(1-b), ab — exemplar 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
 * @param targets NHWC [N,S,S,3] in [0,1]; @param exemplars NHWC [4,S,S,3] in [0,1].
 * @returns NHWC [N*rows*cols,S,S,3] in [0,1], index n*rows*cols + r*cols + c. The caller disposes it.
 */
export function matrix(model: Genegan, targets: Tensor4D, exemplars: Tensor4D, rows: number, cols = rows): Tensor4D {
  if (exemplars.shape[0] !== MATRIX_EXEMPLARS) {
    throw new Error(`matrix exemplars: expected ${MATRIX_EXEMPLARS} images, but got ${exemplars.shape[0]}`);
  }
  for (const [name, v] of [['rows', rows], ['cols', cols]] as const) {
    if (!Number.isInteger(v) || v < 2) throw new Error(`matrix ${name}: expected an integer >= 2, but got ${v}`);
  }
  return decodeWithMixedObjects(model, targets, exemplars, matrixWeights(rows, cols));
}

/**
 * The matrix's mixing weights, row-major: cell (r, c) with a = r / (rows - 1), b = c / (cols - 1)
 * weighs exemplars 0..3 by (1-a)(1-b), (1-a)b, a(1-b), ab.
 */
export function matrixWeights(rows: number, cols = rows): number[][] {
  const weights: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const a = r / (rows - 1);
      const b = c / (cols - 1);
      weights.push([(1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b]);
    }
  }
  return weights;
}
