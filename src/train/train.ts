import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { selectBackend } from '../backend/selectBackend.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { saveModel } from '../model/saveModel.ts';
import { validateConfig } from '../model/validateConfig.ts';
import type { GeneganConfig } from '../model/types.ts';
import { latestCheckpoint, readCheckpointMeta, restoreCheckpoint, writeCheckpoint, type TrainingState } from './checkpoint.ts';
import {
  DEFAULT_CHECKPOINT_EVERY,
  DEFAULT_KEEP,
  DEFAULT_SAMPLE_EVERY,
  DEFAULT_SEED,
  FINAL_LOSS_WINDOW,
  LOSSES_FILE,
  SAMPLES_DIR,
} from './constants.ts';
import { createOptimizer } from './createOptimizer.ts';
import { initFromModel } from './initFromModel.ts';
import { createLossLog } from './lossLog.ts';
import { writeSampleGrid } from './samples.ts';
import { LOCAL_GRADIENTS, averageRecords, runIteration, type IterationContext } from './runIteration.ts';
import { trainableByName } from './gradientStep.ts';
import type { LossRecord, Recipe, TrainConfig, TrainResult } from './types.ts';
import { UserError } from '../shared/errors.ts';

type Filled = Required<Omit<TrainConfig, 'outDir' | 'samples' | 'onIteration' | 'onCheckpoint' | 'signal' | 'manifest' | 'initFrom'>> & TrainConfig;

/**
 * Trains GeneGAN (docs/training.md "Schedule") on a paired dataset: checkpoints every N iterations (atomic,
 * last K kept), resume from the newest checkpoint with optimiser, running-state and data position
 * (a resumed run equals an uninterrupted one), losses.jsonl, sample grids, and the inference
 * model in outDir at every checkpoint and at the end. Stops early (with a checkpoint) on `signal`.
 */
export async function train(config: TrainConfig): Promise<TrainResult> {
  const c = fillDefaults(config);
  const backend = await selectBackend({ log: c.log });
  const modelConfig = trainingModelConfig(c.model, c.recipe);
  const model = createGenegan(modelConfig, { seed: c.seed });
  const state: TrainingState = {
    model,
    generatorOptimizer: createOptimizer(c.recipe.generatorOptimizer, trainableByName(model, 'generator')),
    criticOptimizer: createOptimizer(c.recipe.criticOptimizer, trainableByName(model, 'critic')),
  };
  try {
    await mkdir(path.join(c.runDir, SAMPLES_DIR), { recursive: true });
    const start = await prepareStart(c, state, modelConfig);
    return await loop(c, state, start, backend.name);
  } finally {
    state.generatorOptimizer.dispose();
    state.criticOptimizer.dispose();
    model.dispose();
  }
}

/** The network config a run trains: the caller's, with the recipe's critic options (SN, BN). */
export function trainingModelConfig(model: GeneganConfig, recipe: Recipe): GeneganConfig {
  const gain = recipe.criticGain === undefined ? {} : { criticGain: recipe.criticGain };
  return validateConfig({ ...model, criticSpectralNorm: recipe.criticSpectralNorm, criticBatchNorm: recipe.criticBatchNorm, criticBlur: recipe.criticBlur, ...gain });
}

function fillDefaults(config: TrainConfig): Filled {
  const c = { ...config };
  const filled = {
    ...c,
    batchSize: c.batchSize ?? c.recipe.batchSize,
    seed: c.seed ?? DEFAULT_SEED,
    resume: c.resume ?? false,
    checkpointEvery: c.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    sampleEvery: c.sampleEvery ?? DEFAULT_SAMPLE_EVERY,
    keep: c.keep ?? DEFAULT_KEEP,
    log: c.log ?? (() => {}),
    gradients: c.gradients ?? LOCAL_GRADIENTS,
  };
  for (const key of ['iterations', 'batchSize', 'checkpointEvery', 'sampleEvery', 'keep'] as const) {
    const v = filled[key];
    if (!Number.isInteger(v) || v < (key === 'iterations' ? 0 : 1)) throw new UserError('usage', `${key}: expected a positive integer, but got ${v}`);
  }
  return filled;
}

/** Fresh start (iteration 0) or, with resume, the newest checkpoint restored. */
async function prepareStart(c: Filled, state: TrainingState, modelConfig: GeneganConfig): Promise<number> {
  const latest = await latestCheckpoint(c.runDir);
  if (latest === null) return c.initFrom === undefined ? freshStart(c) : initializedStart(c, state);
  if (!c.resume) throw new UserError('usage', `${c.runDir} already holds checkpoints (newest ${path.basename(latest)}); pass --resume to continue it or choose another run directory`);
  const meta = await readCheckpointMeta(latest);
  const want = JSON.stringify(modelConfig);
  if (JSON.stringify(validateConfig(meta.config)) !== want) throw new UserError('usage', `${latest}: the checkpoint's model config ${JSON.stringify(meta.config)} differs from this run's ${want}`);
  if (meta.recipe.name !== c.recipe.name) throw new UserError('usage', `${latest}: trained with recipe "${meta.recipe.name}", but this run asks for "${c.recipe.name}"`);
  if (meta.batchSize !== c.batchSize) throw new UserError('usage', `${latest}: trained with batch ${meta.batchSize}, but this run asks for ${c.batchSize}`);
  if (meta.iteration >= c.iterations) {
    throw new UserError('usage', `${latest}: the run is already at iteration ${meta.iteration}; pass --iterations above ${meta.iteration} to continue it`);
  }
  await restoreCheckpoint(latest, meta, state);
  c.dataset.restore(meta.datasetState);
  c.log(`resumed from ${latest} at iteration ${meta.iteration}`);
  return meta.iteration;
}

function freshStart(c: Filled): number {
  if (c.resume) c.log(`no checkpoint in ${c.runDir}; starting from iteration 0`);
  return 0;
}

/** No checkpoint, but an inference model to start the generator from (initFromModel.ts). */
async function initializedStart(c: Filled, state: TrainingState): Promise<number> {
  const from = c.initFrom as string;
  const start = await initFromModel(state.model, from);
  if (start >= c.iterations) throw new UserError('usage', `${from}: the model is already at iteration ${start}; pass --iterations above ${start} to continue it`);
  c.log(`generator initialised from ${from} (iteration ${start}); critics, optimisers and data stream start fresh`);
  return start;
}

async function loop(c: Filled, state: TrainingState, start: number, backend: string): Promise<TrainResult> {
  const ctx: IterationContext = { ...state, recipe: c.recipe, dataset: c.dataset, batchSize: c.batchSize, gradients: c.gradients };
  const log = createLossLog(path.join(c.runDir, LOSSES_FILE), start === 0 ? null : start);
  const recent: Array<{ generator: LossRecord; critic: LossRecord }> = [];
  const t0 = Date.now();
  let iteration = start;
  let lastCheckpoint: string | null = null;
  let checkpointed = start;
  const checkpoint = async () => {
    lastCheckpoint = await saveAll(c, state, iteration, backend);
    checkpointed = iteration;
    c.onCheckpoint?.(iteration);
  };
  while (iteration < c.iterations && c.signal?.aborted !== true) {
    const losses = await runIteration(ctx, iteration);
    iteration += 1;
    const seconds = (Date.now() - t0) / 1000;
    log.append({ iteration, seconds, generator: losses.generator, critic: losses.critic, criticSteps: losses.criticSteps });
    recent.push(losses);
    if (recent.length > FINAL_LOSS_WINDOW) recent.shift();
    c.onIteration?.({ iteration, iterations: c.iterations, rate: (iteration - start) / Math.max(seconds, 1e-9), losses });
    if (iteration % c.checkpointEvery === 0) await checkpoint();
    if (c.samples !== undefined && iteration % c.sampleEvery === 0) await samples(c, state, iteration);
    // An iteration is all tensor work and in-memory batches (microtasks only), so without this
    // turn of the event loop a stop message would wait for the next checkpoint's file I/O.
    if (c.signal !== undefined) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (checkpointed !== iteration || lastCheckpoint === null) await checkpoint();
  const seconds = (Date.now() - t0) / 1000;
  const done = iteration - start;
  return {
    iterations: iteration,
    stoppedEarly: iteration < c.iterations,
    finalLosses: { generator: averageRecords(recent.map((r) => r.generator)), critic: averageRecords(recent.map((r) => r.critic)) },
    itersPerSecond: done / Math.max(seconds, 1e-9),
    pairsPerSecond: (done * c.batchSize) / Math.max(seconds, 1e-9),
    backend,
    lastCheckpoint,
  };
}

/** A checkpoint, and the inference model in outDir. */
async function saveAll(c: Filled, state: TrainingState, iteration: number, backend: string): Promise<string> {
  const dir = await writeCheckpoint(
    c.runDir,
    state,
    { iteration, config: state.model.config, recipe: c.recipe, seed: c.seed, batchSize: c.batchSize, datasetState: c.dataset.state(), backend },
    c.keep,
  );
  c.log(`checkpoint ${dir}`);
  if (c.outDir !== undefined) {
    await saveModel(c.outDir, state.model, { ...c.manifest, recipe: c.recipe.name, iterations: iteration, backend });
  }
  return dir;
}

async function samples(c: Filled, state: TrainingState, iteration: number): Promise<void> {
  const { au, b0 } = c.samples as NonNullable<TrainConfig['samples']>;
  await writeSampleGrid(path.join(c.runDir, SAMPLES_DIR, `iter-${String(iteration).padStart(7, '0')}.png`), state.model, au, b0);
}

