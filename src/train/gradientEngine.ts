import type { Tensor4D } from '../backend/tf.ts';
import type { Genegan } from '../model/types.ts';
import { computeCriticGradients } from './criticStep.ts';
import { computeGeneratorGradients } from './generatorStep.ts';
import type { Fakes, Recipe, StepGradients } from './types.ts';

/**
 * Where the trainer gets its gradients. The default computes them in this thread; a parallel
 * engine (src/backend/parallel) may split the batch across workers and return averaged gradients,
 * losses and state proposals in the same form (names = the model's stable variable names).
 */
export interface GradientEngine {
  generator(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe, keepFakes: boolean): Promise<StepGradients & { fakes?: Fakes }>;
  critic(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe, fakes?: Fakes): Promise<StepGradients>;
  dispose?(): Promise<void> | void;
}

export const LOCAL_GRADIENTS: GradientEngine = {
  generator: async (model, au, b0, recipe, keepFakes) => computeGeneratorGradients(model, au, b0, recipe, { keepFakes }),
  critic: async (model, au, b0, recipe, fakes) => computeCriticGradients(model, au, b0, recipe, fakes),
};
