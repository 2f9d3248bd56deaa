import os from 'node:os';
import { tf, type Tensor, type Tensor4D } from '../../backend/tf.ts';
import type { Genegan, VariableGroup } from '../../model/types.ts';
import { computeCriticGradients } from '../criticStep.ts';
import { computeGeneratorGradients } from '../generatorStep.ts';
import type { Fakes, GradientEngine, Recipe, StepGradients } from '../types.ts';
import { combineShares, shareSizes, splitBatch } from './combineShares.ts';
import { buffersOf, packTensor, packTensors, unpackTensor, unpackTensors, type PackedStep, type ParallelGradientsConfig } from './messages.ts';
import { startHelper, type Helper } from './startHelper.ts';

/** Default backend of the helpers: the single-threaded wasm backend is the one that gains. */
const DEFAULT_HELPER_BACKEND = 'wasm';

export interface ParallelGradients extends GradientEngine {
  /** Threads computing shares of each batch, the calling thread included. */
  readonly threads: number;
  dispose(): Promise<void>;
}

/**
 * A GradientEngine (GradientEngine in ../types.ts) that splits every batch between the calling thread
 * and `helpers` worker threads, each with its own single-threaded tfjs backend and model copy, and
 * averages their gradients (docs/engine.md "Parallel gradients": when it pays, and how batch-norm
 * statistics differ). The trainer passes it as `train({ ..., gradients })` and disposes it after.
 * Weights are sent with every request, so the helpers always see the caller's current model.
 */
export async function createParallelGradients(config: ParallelGradientsConfig): Promise<ParallelGradients> {
  const c = { ...config };
  const helperCount = c.helpers ?? Math.max(1, os.availableParallelism() - 1);
  if (!Number.isInteger(helperCount) || helperCount < 1) {
    throw new Error(`helpers: expected a positive integer, but got ${helperCount}`);
  }
  const helpers = Array.from({ length: helperCount }, () => startHelper());
  try {
    await Promise.all(helpers.map((h) => h.request({ kind: 'init', model: c.model, backend: c.backend ?? DEFAULT_HELPER_BACKEND })));
  } catch (err) {
    await Promise.all(helpers.map((h) => h.terminate()));
    throw err;
  }
  return {
    threads: helperCount + 1,
    generator: (model, au, b0, recipe, keepFakes) =>
      run(helpers, model, au, b0, ['generator', 'critic'], (h, share) =>
        h.request({ kind: 'generator', weights: share.weights, au: share.au, b0: share.b0, recipe, keepFakes }, share.transfer),
      (a, b) => computeGeneratorGradients(model, a, b, recipe, { keepFakes })),
    critic: (model, au, b0, recipe, fakes) =>
      runCritic(helpers, model, au, b0, recipe, fakes),
    async dispose() {
      await Promise.all(helpers.map((h) => h.terminate()));
    },
  };
}

interface Share {
  weights: ReturnType<typeof packTensors>;
  au: ReturnType<typeof packTensor>;
  b0: ReturnType<typeof packTensor>;
  fakes?: { bu: ReturnType<typeof packTensor>; a0: ReturnType<typeof packTensor> };
  transfer: ArrayBuffer[];
}

type Local = (au: Tensor4D, b0: Tensor4D, fakes?: Fakes) => StepGradients & { fakes?: Fakes };

async function runCritic(helpers: Helper[], model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe, fakes?: Fakes) {
  // Without fakes the helpers make their own with the generator, so they need its weights too.
  const groups: VariableGroup[] = fakes === undefined ? ['generator', 'critic'] : ['critic'];
  return run(helpers, model, au, b0, groups,
    (h, share) => h.request({ kind: 'critic', weights: share.weights, au: share.au, b0: share.b0, recipe, fakes: share.fakes }, share.transfer),
    (a, b, f) => computeCriticGradients(model, a, b, recipe, f), fakes);
}

/** Sends shares 1.. to the helpers, computes share 0 here meanwhile, then combines. */
async function run(
  helpers: Helper[], model: Genegan, au: Tensor4D, b0: Tensor4D, groups: VariableGroup[],
  send: (h: Helper, share: Share) => Promise<PackedStep | undefined>, local: Local, fakes?: Fakes,
): Promise<StepGradients & { fakes?: Fakes }> {
  const sizes = shareSizes(au.shape[0], helpers.length + 1);
  const parts = {
    au: splitBatch(au, sizes), b0: splitBatch(b0, sizes),
    bu: fakes === undefined ? undefined : splitBatch(fakes.bu, sizes),
    a0: fakes === undefined ? undefined : splitBatch(fakes.a0, sizes),
  };
  try {
    const weights = packTensors(variablesOf(model, groups));
    const remote = sizes.slice(1).map((_, k) => {
      const i = k + 1;
      const share: Share = {
        weights, au: packTensor(parts.au[i]), b0: packTensor(parts.b0[i]),
        fakes: parts.bu === undefined || parts.a0 === undefined ? undefined : { bu: packTensor(parts.bu[i]), a0: packTensor(parts.a0[i]) },
        transfer: [],
      };
      share.transfer = buffersOf([share.au, share.b0, share.fakes?.bu, share.fakes?.a0]);
      return send(helpers[k], share);
    });
    const mine = local(parts.au[0], parts.b0[0], parts.bu === undefined ? undefined : { bu: parts.bu[0], a0: (parts.a0 as Tensor4D[])[0] });
    const theirs = (await Promise.all(remote)).map(unpackStep);
    return combineShares([mine, ...theirs], sizes);
  } finally {
    tf.dispose([...parts.au, ...parts.b0, ...(parts.bu ?? []), ...(parts.a0 ?? [])]);
  }
}

function variablesOf(model: Genegan, groups: VariableGroup[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const e of model.entries()) if (groups.includes(e.group)) out[e.name] = e.variable;
  return out;
}

function unpackStep(step: PackedStep | undefined): StepGradients & { fakes?: Fakes } {
  if (step === undefined) throw new Error('gradient worker: expected a step result, but got none');
  return {
    losses: step.losses,
    grads: unpackTensors(step.grads),
    stateUpdates: unpackTensors(step.stateUpdates),
    fakes: step.fakes === undefined ? undefined : { bu: unpackTensor(step.fakes.bu) as Tensor4D, a0: unpackTensor(step.fakes.a0) as Tensor4D },
  };
}
