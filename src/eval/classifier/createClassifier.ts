import { tf, type Variable } from '../../backend/tf.ts';
import { createRandom, type Random } from '../../shared/random.ts';
import { KERNEL_SIZE, STAGE_MULTIPLIERS } from './constants.ts';
import type { Classifier, ClassifierConfig } from './types.ts';

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
