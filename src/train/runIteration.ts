import { tf, type Tensor4D } from '../backend/tf.ts';
import type { PairedDataset } from '../data/types.ts';
import { applyCriticGradients, computeCriticGradients } from './criticStep.ts';
import { applyGeneratorGradients, computeGeneratorGradients } from './generatorStep.ts';
import { criticStepsAt, learningRateScale } from './recipes.ts';
import type { TrainingState } from './checkpoint.ts';
import type { GradientEngine, LossRecord, Recipe } from './types.ts';

/** The default gradient engine: both steps' gradients computed in this thread. */
export const LOCAL_GRADIENTS: GradientEngine = {
  generator: async (model, au, b0, recipe, keepFakes) => computeGeneratorGradients(model, au, b0, recipe, { keepFakes }),
  critic: async (model, au, b0, recipe, fakes) => computeCriticGradients(model, au, b0, recipe, fakes),
};

export interface IterationContext extends TrainingState {
  recipe: Recipe;
  dataset: PairedDataset;
  batchSize: number;
  gradients: GradientEngine;
}

/**
 * One training iteration (docs/training.md "Schedule"). With criticFreshBatch (official code): the critic
 * steps first, each on a fresh batch, then the generator on another fresh batch. Otherwise: one
 * batch; the generator steps, then the critic on the same reals and the generator's fakes.
 * Both optimisers step at the recipe's learning-rate schedule for `iteration` (learningRateScale).
 * @returns the generator's losses and the critic's, averaged over its steps.
 */
export async function runIteration(ctx: IterationContext, iteration: number): Promise<{ generator: LossRecord; critic: LossRecord; criticSteps: number }> {
  const steps = criticStepsAt(ctx.recipe, iteration);
  const lr = learningRateScale(ctx.recipe, iteration);
  const criticLosses: LossRecord[] = [];
  let generator: LossRecord;
  if (ctx.recipe.criticFreshBatch) {
    for (let k = 0; k < steps; k++) criticLosses.push(await withBatch(ctx, (au, b0) => criticStep(ctx, lr, au, b0)));
    generator = await withBatch(ctx, async (au, b0) => {
      const g = await ctx.gradients.generator(ctx.model, au, b0, ctx.recipe, false);
      applyGeneratorGradients(ctx.model, ctx.generatorOptimizer, g, lr);
      return g.losses;
    });
  } else {
    generator = await withBatch(ctx, async (au, b0) => {
      const g = await ctx.gradients.generator(ctx.model, au, b0, ctx.recipe, true);
      applyGeneratorGradients(ctx.model, ctx.generatorOptimizer, g, lr);
      try {
        for (let k = 0; k < steps; k++) criticLosses.push(await criticStep(ctx, lr, au, b0, g.fakes));
      } finally {
        if (g.fakes !== undefined) tf.dispose([g.fakes.bu, g.fakes.a0]);
      }
      return g.losses;
    });
  }
  return { generator, critic: averageRecords(criticLosses), criticSteps: steps };
}

async function criticStep(ctx: IterationContext, lr: number, au: Tensor4D, b0: Tensor4D, fakes?: { bu: Tensor4D; a0: Tensor4D }): Promise<LossRecord> {
  const d = await ctx.gradients.critic(ctx.model, au, b0, ctx.recipe, fakes);
  applyCriticGradients(ctx.model, ctx.criticOptimizer, d, ctx.recipe, lr);
  return d.losses;
}

async function withBatch<T>(ctx: IterationContext, fn: (au: Tensor4D, b0: Tensor4D) => Promise<T>): Promise<T> {
  const au = await ctx.dataset.next('with', ctx.batchSize);
  const b0 = await ctx.dataset.next('without', ctx.batchSize);
  try {
    return await fn(au, b0);
  } finally {
    tf.dispose([au, b0]);
  }
}

/** Mean of each named number over records (empty input -> empty record). */
export function averageRecords(records: LossRecord[]): LossRecord {
  const out: LossRecord = {};
  for (const r of records) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v / records.length;
  return out;
}
