import type { Recipe } from './types.ts';

/**
 * The official code's recipe (docs/training.md "Recipes", the `paper` column): WGAN with weight clipping
 * to [-0.01, 0.01], RMSProp (decay 0.8, TF1 epsilon 1e-10) at 5e-5 for both networks, 100 critic
 * steps every 500 iterations else 1, each on a fresh batch, batch 64.
 */
export const PAPER_RECIPE: Recipe = {
  name: 'paper',
  gan: 'wgan',
  generatorOptimizer: { kind: 'rmsprop', learningRate: 5e-5, decay: 0.8, epsilon: 1e-10 },
  criticOptimizer: { kind: 'rmsprop', learningRate: 5e-5, decay: 0.8, epsilon: 1e-10 },
  criticClip: 0.01,
  criticSpectralNorm: false,
  criticBatchNorm: true,
  criticBlur: false,
  criticSchedule: { steps: 1, burstEvery: 500, burstSteps: 100 },
  criticFreshBatch: true,
  // 2.55 = the code's 0.01 in 0..255 units; weight decay 2.5e-5 * mean(W^2) per generator kernel.
  weights: { nulling: 1, reconstruction: 1, adversarial: 1, parallelogram: 2.55, weightDecay: 2.5e-5 },
  batchSize: 64,
};

/**
 * A recipe for CPU budgets, chosen by measurement (docs/training.md): hinge loss, spectral norm on
 * critics without BN (BN would undo the Lipschitz bound), critics that see binomially blurred
 * images (no checkerboard patterns to fool them with), Adam with beta1 0.5 (generator 1e-3,
 * critics 2e-4), adversarial weight 0.3, 1:1 steps, and the critic reuses the generator step's batch
 * and fakes (half the forward passes of `paper`). Other weights as `paper` (docs/training.md "Losses").
 */
export const FAST_RECIPE: Recipe = {
  name: 'fast',
  gan: 'hinge',
  generatorOptimizer: { kind: 'adam', learningRate: 1e-3, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 },
  criticOptimizer: { kind: 'adam', learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 },
  criticClip: null,
  criticSpectralNorm: true,
  criticBatchNorm: false,
  criticBlur: true,
  criticSchedule: { steps: 1, burstEvery: 0, burstSteps: 1 },
  criticFreshBatch: false,
  weights: { nulling: 1, reconstruction: 1, adversarial: 0.3, parallelogram: 2.55, weightDecay: 2.5e-5 },
  batchSize: 16,
};

export const RECIPES: Record<string, Recipe> = { paper: PAPER_RECIPE, fast: FAST_RECIPE };

/** A deep copy of a named recipe with optional overrides, or a clear error naming the known ones. */
export function recipeByName(name: string, overrides: Partial<Recipe> = {}): Recipe {
  const base = RECIPES[name];
  if (base === undefined) throw new Error(`unknown recipe: expected one of ${Object.keys(RECIPES).join('|')}, but got "${name}"`);
  return { ...structuredClone(base), ...structuredClone(overrides) };
}

/** Critic steps at iteration i (0-based) under the recipe's schedule. */
export function criticStepsAt(recipe: Recipe, iteration: number): number {
  const { steps, burstEvery, burstSteps } = recipe.criticSchedule;
  return burstEvery > 0 && iteration % burstEvery === 0 ? burstSteps : steps;
}

/**
 * Factor on both optimisers' learning rates for the update of iteration i (0-based): 1 before
 * `learningRateDecay.from`, then linear to 0 at `to` (the update of iteration to - 1 uses 1 / span).
 */
export function learningRateScale(recipe: Recipe, iteration: number): number {
  const decay = recipe.learningRateDecay;
  if (decay === undefined || iteration < decay.from) return 1;
  return Math.max(0, (decay.to - iteration) / (decay.to - decay.from));
}
