/**
 * The one TensorFlow.js entry point of the project. `@tensorflow/tfjs` (not tfjs-core alone)
 * because it registers every gradient and the chained tensor ops that training needs.
 */
import * as tf from '@tensorflow/tfjs';

// PROD skips tfjs's debug checks and its "install tfjs-node" banner; backend choice is ours.
tf.env().set('PROD', true);

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D, Variable, Rank, NamedTensorMap } from '@tensorflow/tfjs';
