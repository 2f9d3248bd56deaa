import { tf, type Tensor2D, type Tensor4D } from '../../backend/tf.ts';
import { LEAKY_SLOPE, STAGE_MULTIPLIERS } from './constants.ts';
import type { Classifier, ClassifierOutput } from './types.ts';

/**
 * Runs the classifier: resize to inputSize (bilinear), four stride-2 3x3 conv + bias + LeakyReLU
 * stages, global average -> features, one dense layer per head -> logits. Differentiable (training
 * uses it inside tf.variableGrads). Callers outside a tidy dispose the outputs.
 * @param images NHWC float32 [N, H, W, 3], values in [0, 1] (any H, W)
 */
export function classify(classifier: Classifier, images: Tensor4D): ClassifierOutput {
  if (images.rank !== 4 || images.shape[3] !== 3) {
    throw new Error(`classify: expected NHWC RGB images [N,H,W,3], but got [${images.shape}]`);
  }
  const { config, variables: v } = classifier;
  return tf.tidy(() => {
    const size = config.inputSize;
    let x: Tensor4D = images.shape[1] === size && images.shape[2] === size ? images : tf.image.resizeBilinear(images, [size, size]);
    // centre the inputs: [0, 1] -> [-1, 1], so zero-initialised biases start near the data's middle
    x = tf.sub(tf.mul(x, 2), 1);
    for (let i = 1; i <= STAGE_MULTIPLIERS.length; i++) {
      const conv = tf.conv2d(x, v[`conv${i}/kernel`] as tf.Tensor4D, 2, 'same');
      x = tf.leakyRelu(tf.add(conv, v[`conv${i}/bias`]), LEAKY_SLOPE) as Tensor4D;
    }
    const features = tf.mean(x, [1, 2]) as Tensor2D;
    const logits: Record<string, Tensor2D> = {};
    for (const head of config.heads) {
      logits[head.name] = tf.add(tf.matMul(features, v[`head/${head.name}/kernel`] as Tensor2D), v[`head/${head.name}/bias`]) as Tensor2D;
    }
    return { features, logits };
  });
}

/**
 * Class probabilities per head (softmax of the logits).
 * @returns per head [N, labels.length] in [0, 1], rows summing to 1; the caller disposes them
 */
export function classProbabilities(classifier: Classifier, images: Tensor4D): Record<string, Tensor2D> {
  return tf.tidy(() => {
    const { logits } = classify(classifier, images);
    return Object.fromEntries(Object.entries(logits).map(([name, l]) => [name, tf.softmax(l) as Tensor2D]));
  });
}
