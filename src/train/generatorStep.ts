import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import type { Genegan } from '../model/types.ts';
import { generatorForward } from './losses.ts';
import { createStateRecorder, gradsByStableName, lossValues, trainableByName } from './gradientStep.ts';
import type { Optimizer } from './createOptimizer.ts';
import type { Fakes, Recipe, StepGradients } from './types.ts';

/**
 * Gradients of the generator loss (encoder + decoder variables) on one batch, without applying them
 * (so workers can compute them on parts of a batch and the caller can average; see
 * applyGeneratorGradients).
 * @param au NHWC [N,S,S,3] in [0,1] with the attribute; @param b0 the same without it.
 * @returns losses (numbers), grads and BN state proposals by stable name (caller owns the tensors),
 *   and with keepFakes the fakes Bu and A0 as the critics see them (Recipe.fakes; detached, caller
 *   disposes) for the critic step.
 */
export function computeGeneratorGradients(
  model: Genegan,
  au: Tensor4D,
  b0: Tensor4D,
  recipe: Recipe,
  options: { keepFakes?: boolean } = {},
): StepGradients & { fakes?: Fakes } {
  const variables = trainableByName(model, 'generator');
  const recorder = createStateRecorder(model, 'generator');
  const kept: Record<string, Tensor> = {};
  let fakes: Fakes | undefined;
  model.recorder = recorder;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const forward = generatorForward(model, au, b0, recipe);
      for (const [name, t] of Object.entries(forward.terms)) kept[name] = tf.keep(t);
      if (options.keepFakes === true) fakes = { bu: tf.keep(forward.shown.bu), a0: tf.keep(forward.shown.a0) };
      return forward.total;
    }, Object.values(variables));
    value.dispose();
    return { losses: lossValues(kept), grads: gradsByStableName(grads, variables), stateUpdates: recorder.collect(), fakes };
  } catch (err) {
    recorder.dispose();
    tf.dispose(Object.values(kept));
    throw err;
  } finally {
    model.recorder = null;
  }
}

/**
 * One optimiser update of the generator from (possibly averaged) gradients at `lrScale` times its
 * learning rate, then the BN moving averages. Takes ownership of `grads` and `stateUpdates` (disposes them).
 */
export function applyGeneratorGradients(model: Genegan, optimizer: Optimizer, step: Pick<StepGradients, 'grads' | 'stateUpdates'>, lrScale = 1): void {
  try {
    optimizer.apply(step.grads, lrScale);
    model.applyStateUpdates(step.stateUpdates);
  } finally {
    tf.dispose(Object.values(step.grads));
    tf.dispose(Object.values(step.stateUpdates));
  }
}
