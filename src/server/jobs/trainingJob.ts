import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { selectBackend } from '../../backend/selectBackend.ts';
import { openDataset } from '../../data/openDataset.ts';
import { presetConfig } from '../../model/presets.ts';
import { replaceDir } from '../../shared/files.ts';
import { latestCheckpoint, readCheckpointMeta } from '../../train/checkpoint.ts';
import { SAMPLE_ROWS } from '../../train/constants.ts';
import { disposePairs, drawSamplePairs } from '../../train/samples.ts';
import { recipeByName } from '../../train/recipes.ts';
import { train } from '../../train/train.ts';
import { prepareSyntheticDataset } from './prepareSyntheticDataset.ts';
import { findLatestSample } from './findLatestSample.ts';
import type { GeneganConfig } from '../../model/types.ts';
import type { IterationInfo } from '../../train/types.ts';
import type { JobChannel, JobProgress, TrainingWorkerInput } from './types.ts';

/** Progress messages at most this often (the page redraws on each). */
const PROGRESS_INTERVAL_MS = 250;
/** Checkpoint and sample defaults of service jobs: often enough for a live page and a cheap resume. */
const JOB_CHECKPOINT_EVERY = 100;
const JOB_SAMPLE_EVERY = 50;

/**
 * A training job inside its job process (jobProcessMain.ts): prepares the dataset, trains with
 * src/train's train() (checkpoints, resume, samples), and registers the finished model. An abort
 * of `channel.signal` stops it after the current iteration with a checkpoint ("stopped").
 */
export async function runTrainingJob(input: TrainingWorkerInput, channel: JobChannel): Promise<void> {
  try {
    await run(input, channel);
  } catch (err) {
    channel.post({ type: 'failed', message: (err as Error).message.split('\n')[0] });
  }
}

async function run(input: TrainingWorkerInput, { post, signal }: JobChannel): Promise<void> {
  let lastProgressAt = 0;
  const phase = (name: string, iteration = 0, iterations = input.params.iterations): JobProgress => ({ iteration, iterations, losses: {}, rate: 0, etaSeconds: null, phase: name });
  const p = input.params;
  const model = modelConfig(input);
  await selectBackend({ log: () => {} });
  const dataDir = input.datasetDir ?? (await prepareSyntheticDataset(input.syntheticDir, { ...('synthetic' in p.dataset ? p.dataset.synthetic : { count: 0 }), size: model.imageSize }, (done, total) => post({ type: 'progress', progress: phase(`drawing synthetic faces ${done}/${total}`) })));
  if (signal.aborted) return post({ type: 'stopped', iteration: 0 });
  const resumedFrom = await checkpointIteration(input.runDir);
  post({ type: 'started', resumedFrom });
  post({ type: 'progress', progress: phase('opening the dataset', resumedFrom) });
  const options = { attribute: p.attribute, imageSize: model.imageSize, seed: p.seed ?? 0, split: 'train' as const, flip: true };
  const dataset = await openDataset(dataDir, options);
  const samples = await drawSamplePairs(dataDir, options, SAMPLE_ROWS);
  const sampler = createSampleForwarder(input.runDir, p.sampleEvery ?? JOB_SAMPLE_EVERY, post);
  try {
    const outDir = path.join(input.runDir, 'model');
    const result = await train({
      model, recipe: recipeByName(p.recipe), dataset, runDir: input.runDir, outDir, seed: p.seed ?? 0, batchSize: p.batchSize,
      iterations: p.iterations, resume: true, checkpointEvery: p.checkpointEvery ?? JOB_CHECKPOINT_EVERY,
      sampleEvery: p.sampleEvery ?? JOB_SAMPLE_EVERY, samples, signal,
      onCheckpoint: (iteration) => post({ type: 'checkpoint', iteration }),
      manifest: { attribute: dataset.attribute, preset: p.preset, jobId: input.jobId, data: { layout: dataset.layout, counts: dataset.counts, skipped: dataset.skipped, ...('synthetic' in p.dataset ? { synthetic: p.dataset.synthetic } : { path: p.dataset.path }) } },
      onIteration: (info) => {
        const now = Date.now();
        if (now - lastProgressAt >= PROGRESS_INTERVAL_MS || info.iteration === info.iterations) {
          lastProgressAt = now;
          post({ type: 'progress', progress: trainingProgress(info) });
        }
        void sampler.forward(info.iteration - 1);
      },
    });
    await sampler.forward(Number.MAX_SAFE_INTEGER); // the grid written after the last iteration
    if (result.stoppedEarly) return post({ type: 'stopped', iteration: result.iterations });
    post({ type: 'progress', progress: { ...phase('registering the model', result.iterations), losses: result.finalLosses.generator, rate: result.itersPerSecond, etaSeconds: 0 } });
    await replaceDir(outDir, path.join(input.trainedModelsDir, p.modelId));
    post({ type: 'done', modelId: p.modelId });
  } finally {
    disposePairs(samples);
    await dataset.close();
  }
}

function modelConfig(input: TrainingWorkerInput): GeneganConfig {
  const p = input.params;
  const config = presetConfig(p.preset);
  const q = p.quantization;
  return q ? { ...config, quant: { method: q.method, wbits: q.wbits, abits: q.abits ?? 32, floatFirstLast: true } } : config;
}

async function checkpointIteration(runDir: string): Promise<number> {
  const latest = existsSync(runDir) ? await latestCheckpoint(runDir) : null;
  return latest === null ? 0 : (await readCheckpointMeta(latest)).iteration;
}

function trainingProgress(info: IterationInfo): JobProgress {
  const left = info.iterations - info.iteration;
  return { iteration: info.iteration, iterations: info.iterations, losses: info.losses.generator, rate: info.rate, etaSeconds: info.rate > 0 ? left / info.rate : null, phase: 'training' };
}

/**
 * The trainer writes a sample grid right after reporting iteration N (N a multiple of `every`), so
 * each call looks for a grid newer than the last one sent once `upTo` passed a multiple (it sends
 * one iteration late). After a restart the newest existing grid is sent first.
 */
function createSampleForwarder(runDir: string, every: number, post: JobChannel['post']) {
  let sent = -1;
  let checkedAt = -1;
  return {
    async forward(upTo: number): Promise<void> {
      const due = Math.floor(upTo / every) * every;
      if (due <= checkedAt) return;
      checkedAt = due;
      const latest = await findLatestSample(runDir);
      if (!latest || latest.iteration <= sent) return;
      sent = latest.iteration;
      const png = new Uint8Array(await readFile(latest.file));
      post({ type: 'sample', iteration: latest.iteration, png });
    },
  };
}
