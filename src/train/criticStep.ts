import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { crossover } from '../model/operations.ts';
import type { Genegan } from '../model/types.ts';
import { criticForward } from './losses.ts';
import { shownFakes } from './residualFakes.ts';
import { createStateRecorder, gradsByStableName, lossValues, trainableByName } from './gradientStep.ts';
import type { Optimizer } from './createOptimizer.ts';
import type { Fakes, Recipe, StepGradients } from './types.ts';

/**
 * Gradients of the critics' loss (both critics' variables) on one batch, without applying them.
 * @param au NHWC [N,S,S,3] in [0,1] real images with the attribute; @param b0 real ones without it.
 * @param fakes Bu and A0 from the generator step (not disposed here); when absent they are made now by
 *   the generator in training mode, without gradient (the official code's fresh-batch critic step).
 */
export function computeCriticGradients(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe, fakes?: Fakes): StepGradients {
  const ownFakes = fakes === undefined ? makeFakes(model, au, b0, recipe) : null;
  const use = fakes ?? (ownFakes as Fakes);
  const variables = trainableByName(model, 'critic');
  const recorder = createStateRecorder(model, 'critic');
  const kept: Record<string, Tensor> = {};
  model.recorder = recorder;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const forward = criticForward(model, au, b0, use, recipe.gan);
      for (const [name, t] of Object.entries(forward.terms)) kept[name] = tf.keep(t);
      return forward.total;
    }, Object.values(variables));
    value.dispose();
    return { losses: lossValues(kept), grads: gradsByStableName(grads, variables), stateUpdates: recorder.collect() };
  } catch (err) {
    recorder.dispose();
    tf.dispose(Object.values(kept));
    throw err;
  } finally {
    model.recorder = null;
    if (ownFakes !== null) tf.dispose([ownFakes.bu, ownFakes.a0]);
  }
}

/**
 * Bu = Dec(B, x) and A0 = Dec(A, 0) in training mode (batch statistics), no state recorded, as the
 * critics see them (Recipe.fakes: with residual fakes also the reconstructions they are measured against).
 */
export function makeFakes(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe): Fakes {
  return tf.tidy(() => {
    const a = model.encode(au, true);
    const b = model.encode(b0, true);
    const fakes = crossover(model, a, b, true);
    const shown = recipe.fakes ?? { kind: 'decoded' };
    if (shown.kind === 'decoded') return fakes;
    const auRec = model.decode(a.background, a.object, true);
    const b0Rec = model.decode(b.background, tf.zerosLike(a.object), true);
    return shownFakes(shown, { au, b0, auRec, b0Rec, ...fakes });
  });
}

/**
 * One optimiser update of the critics at `lrScale` times their learning rate, then their running
 * state, then WGAN weight clipping of every trainable critic variable to [-c, c] when the recipe
 * clips (docs/training.md "Losses", (L7)). Takes ownership of the maps.
 */
export function applyCriticGradients(model: Genegan, optimizer: Optimizer, step: Pick<StepGradients, 'grads' | 'stateUpdates'>, recipe: Recipe, lrScale = 1): void {
  try {
    optimizer.apply(step.grads, lrScale);
    model.applyStateUpdates(step.stateUpdates);
    const c = recipe.criticClip;
    if (c !== null) {
      tf.tidy(() => {
        for (const v of Object.values(trainableByName(model, 'critic'))) v.assign(tf.clipByValue(v, -c, c));
      });
    }
  } finally {
    tf.dispose(Object.values(step.grads));
    tf.dispose(Object.values(step.stateUpdates));
  }
}
