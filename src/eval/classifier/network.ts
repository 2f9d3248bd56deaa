import { tf, type Variable, type Tensor2D, type Tensor4D } from '../../backend/tf.ts';
import { createRandom, type Random } from '../../shared/random.ts';
import type { Classifier, ClassifierConfig, ClassifierOutput } from './types.ts';

/** Constants of the evaluation classifiers (docs/eval.md "The judges"). */

/** manifest.json formatVersion of classifier directories. */
export const CLASSIFIER_FORMAT_VERSION = 1;
export const CLASSIFIER_FILES = { manifest: 'manifest.json', weights: 'weights.bin' } as const;

/**
 * Stage widths as multiples of config.width: four stride-2 3x3 convs (64 -> 32 -> 16 -> 8 -> 4 px at
 * 64 px input), then a global average -> 4w features. Small enough to train in minutes on a CPU.
 */
export const STAGE_MULTIPLIERS = [1, 2, 4, 4] as const;
export const KERNEL_SIZE = 3;
export const LEAKY_SLOPE = 0.2;

export const CLASSIFIER_DEFAULTS = {
  inputSize: 64,
  width: 16,
  steps: 800,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 0,
  /** Held-out images per side (attribute) or in total (factors) used for the reported accuracy. */
  heldOutImages: 400,
  /** Log the training loss every this many steps. */
  logEvery: 50,
} as const;

/** Labels of the attribute classifier's single head, in output order. */
export const ATTRIBUTE_LABELS = ['without', 'with'] as const;

/**
 * A fresh classifier with He-normal kernels drawn from a seeded generator (identical on every backend).
 * Plain tf.Variables and ops, so it runs wherever the generator runs (wasm, cpu).
 */
export function createClassifier(config: ClassifierConfig, seed = 0): Classifier {
  validateClassifierConfig(config);
  const random = createRandom(seed);
  const variables: Record<string, Variable> = {};
  // tidy disposes the initial-value tensors; variables survive a tidy
  tf.tidy(() => addVariables(config, random, variables));
  return { config: structuredClone(config), variables, dispose: () => Object.values(variables).forEach((v) => v.dispose()) };
}

function addVariables(config: ClassifierConfig, random: Random, variables: Record<string, Variable>): void {
  let inChannels = 3;
  STAGE_MULTIPLIERS.forEach((m, i) => {
    const out = m * config.width;
    variables[`conv${i + 1}/kernel`] = tf.variable(heNormal([KERNEL_SIZE, KERNEL_SIZE, inChannels, out], random));
    variables[`conv${i + 1}/bias`] = tf.variable(tf.zeros([out]));
    inChannels = out;
  });
  for (const head of config.heads) {
    variables[`head/${head.name}/kernel`] = tf.variable(heNormal([inChannels, head.labels.length], random));
    variables[`head/${head.name}/bias`] = tf.variable(tf.zeros([head.labels.length]));
  }
}

/** Features of the last stage: STAGE_MULTIPLIERS' last entry times the width. */
export function featureSize(config: ClassifierConfig): number {
  return STAGE_MULTIPLIERS[STAGE_MULTIPLIERS.length - 1] * config.width;
}

export function validateClassifierConfig(config: ClassifierConfig): void {
  const minSize = 2 ** STAGE_MULTIPLIERS.length;
  if (!Number.isInteger(config.inputSize) || config.inputSize < minSize) {
    throw new Error(`classifier: expected inputSize to be an integer >= ${minSize}, but got ${config.inputSize}`);
  }
  if (!Number.isInteger(config.width) || config.width < 1) throw new Error(`classifier: expected a positive integer width, but got ${config.width}`);
  if (config.heads.length === 0) throw new Error('classifier: expected at least one head, but got none');
  const names = new Set<string>();
  for (const head of config.heads) {
    if (head.labels.length < 2) throw new Error(`classifier head "${head.name}": expected at least 2 labels, but got ${head.labels.length}`);
    if (names.has(head.name)) throw new Error(`classifier: head "${head.name}" appears twice`);
    names.add(head.name);
  }
}

function heNormal(shape: number[], random: Random): tf.Tensor {
  const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const std = Math.sqrt(2 / fanIn);
  const size = fanIn * shape[shape.length - 1];
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = random.normal() * std;
  return tf.tensor(values, shape);
}

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
