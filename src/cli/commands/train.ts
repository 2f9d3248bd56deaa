import path from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../../backend/selectBackend.ts';
import { openDataset } from '../../data/openDataset.ts';
import { intFlag, numberFlag, requiredFlag } from '../flags.ts';
import { trainProgress } from '../progress.ts';
import { presetConfig, PRESETS } from '../../model/presets.ts';
import { portablePath } from '../../model/saveModel.ts';
import { QUANT_METHODS, FLOAT_ACTIVATION_BITS } from '../../quant/types.ts';
import { DEFAULT_CHECKPOINT_EVERY, DEFAULT_KEEP, DEFAULT_SAMPLE_EVERY, SAMPLE_ROWS } from '../../train/constants.ts';
import { disposePairs, drawSamplePairs } from '../../train/samples.ts';
import { recipeByName, RECIPES } from '../../train/recipes.ts';
import { train, trainingModelConfig } from '../../train/train.ts';
import { createParallelGradients } from '../../train/parallel/createParallelGradients.ts';
import { CHANGE_MASK } from '../../face/constants.ts';
import type { GeneganConfig } from '../../model/types.ts';
import type { FakesShown } from '../../train/types.ts';
import type { QuantMethod } from '../../quant/types.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const DEFAULT_RECIPE = 'fast';
const DEFAULT_PRESET = 'compact64';
const DEFAULT_ITERATIONS = 100000;

export const command: CliCommand = {
  name: 'train',
  summary: 'train a GeneGAN model on a paired dataset (checkpoints, resume, samples, losses)',
  usage: `usage: genegan train --data DIR --out models/NAME [options]

Trains GeneGAN (encoder, decoder, two critics) on the images of DIR with / without the attribute
(any layout openDataset reads: CelebA, synthetic, Multi-PIE, folder). Writes checkpoints,
losses.jsonl and sample grids (columns Au, B0, Au', B0', A0, Bu) to the run directory, and the
inference model (generator only) to --out at every checkpoint and at the end. Ctrl-C stops after
the current iteration with a final checkpoint; --resume continues exactly where it stopped.
  --data DIR             dataset folder (required)
  --out DIR              model directory to write (required)
  --attribute NAME       attribute column, e.g. Eyeglasses, Smiling, Bangs (default Eyeglasses)
  --preset NAME          ${Object.keys(PRESETS).join('|')} (default ${DEFAULT_PRESET})
  --recipe NAME          ${Object.keys(RECIPES).join('|')} (default ${DEFAULT_RECIPE}; see docs/training.md)
  --iterations N         total iterations (default ${DEFAULT_ITERATIONS})
  --batch B              pairs per iteration (default: the recipe's, paper 64, fast 16)
  --object-cycle W       weight of the optional objectCycle loss term (default 0 = off)
  --swap-cycle W         weight of the optional swapCycle loss term (default 0 = off); both
                         terms are described in docs/training.md
  --reconstruction-weight W
                         weight of both reconstruction terms (default: the recipe's, ${RECIPES[DEFAULT_RECIPE].weights.reconstruction})
  --parallelogram-weight W
                         weight of the parallelogram term (default: the recipe's, ${RECIPES[DEFAULT_RECIPE].weights.parallelogram}; 0 = off)
  --fakes KIND           what the critics see as fakes: decoded (the paper, default) or residual
                         (the input plus the generator's masked change, as the service composes
                         it at the model's size; docs/training.md "Residual fakes")
  --change-mask LOW,HIGH with --fakes residual: the change mask's thresholds (default the
                         service's, ${CHANGE_MASK.low},${CHANGE_MASK.high}; a model's manifest may serve its own)
  --lr-decay-from N      both learning rates fall linearly to 0 from iteration N to --iterations
                         (CycleGAN's schedule; default: constant)
  --seed S               seed of the weights and the data streams (default 0)
  --run-dir DIR          checkpoints, losses, samples (default runs/<name of --out>)
  --resume               continue from the newest checkpoint in the run directory
  --init-from MODEL_DIR  start the generator from an inference model (float, QAT or packed)
                         when the run directory has no checkpoint; the iteration count continues
                         from its manifest, critics and optimisers start fresh
  --checkpoint-every N   (default ${DEFAULT_CHECKPOINT_EVERY})
  --sample-every N       (default ${DEFAULT_SAMPLE_EVERY})
  --keep K               checkpoints kept (default ${DEFAULT_KEEP})
  --split NAME           train|val|test (default train)
  --no-flip              no random horizontal flips
  --quant METHOD         quantization-aware training: ${QUANT_METHODS.join('|')}
  --wbits K              weight bits with --quant (default 4)
  --abits K              activation bits with --quant, 1..8 or ${FLOAT_ACTIVATION_BITS} = float (default ${FLOAT_ACTIVATION_BITS})
  --quant-all-layers     also quantize the first and last layer (default: they stay float)
  --workers N            threads computing each batch's gradients (default 1; N > 1 uses the
                         engine's parallel workers, see docs/engine.md for when it pays)
  --json                 print the result as JSON`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' }, out: { type: 'string' }, attribute: { type: 'string', default: 'Eyeglasses' },
        preset: { type: 'string', default: DEFAULT_PRESET }, recipe: { type: 'string', default: DEFAULT_RECIPE },
        iterations: { type: 'string' }, batch: { type: 'string' }, 'object-cycle': { type: 'string' }, 'swap-cycle': { type: 'string' }, 'reconstruction-weight': { type: 'string' }, 'parallelogram-weight': { type: 'string' }, fakes: { type: 'string' }, 'change-mask': { type: 'string' }, 'lr-decay-from': { type: 'string' }, seed: { type: 'string' }, 'run-dir': { type: 'string' },
        resume: { type: 'boolean' }, 'init-from': { type: 'string' }, 'checkpoint-every': { type: 'string' }, 'sample-every': { type: 'string' }, keep: { type: 'string' },
        split: { type: 'string', default: 'train' }, 'no-flip': { type: 'boolean' }, quant: { type: 'string' }, wbits: { type: 'string' },
        abits: { type: 'string' }, 'quant-all-layers': { type: 'boolean' }, workers: { type: 'string' }, json: { type: 'boolean' },
      },
    });
    const data = requiredFlag(values.data, 'data');
    const out = requiredFlag(values.out, 'out');
    const recipe = wrap(() => recipeByName(values.recipe as string));
    const objectCycle = weightFlag(values['object-cycle'], 'object-cycle');
    if (objectCycle > 0) recipe.weights.objectCycle = objectCycle;
    const swapCycle = weightFlag(values['swap-cycle'], 'swap-cycle');
    if (swapCycle > 0) recipe.weights.swapCycle = swapCycle;
    const reconstruction = values['reconstruction-weight'];
    if (reconstruction !== undefined) recipe.weights.reconstruction = positiveWeight(reconstruction, 'reconstruction-weight');
    const parallelogram = values['parallelogram-weight'];
    if (parallelogram !== undefined) recipe.weights.parallelogram = weightFlag(parallelogram, 'parallelogram-weight');
    const fakes = fakesFlag(values.fakes, values['change-mask']);
    if (fakes !== undefined) recipe.fakes = fakes;
    const iterations = intFlag(values.iterations, 'iterations', DEFAULT_ITERATIONS);
    const decayFrom = values['lr-decay-from'];
    if (decayFrom !== undefined) recipe.learningRateDecay = { from: decayStart(decayFrom, iterations), to: iterations };
    const model = modelConfig(values);
    const seed = intFlag(values.seed, 'seed', 0, { min: 0 });
    const split = values.split as 'train' | 'val' | 'test';
    const dsOptions = { attribute: values.attribute, imageSize: model.imageSize, seed, split, flip: values['no-flip'] !== true };
    await selectBackend(); // before any tensor (the dataset's batches); logs the choice on stderr
    const dataset = await openDataset(data, dsOptions);
    const samples = await drawSamplePairs(data, dsOptions, SAMPLE_ROWS);
    const batchSize = intFlag(values.batch, 'batch', recipe.batchSize);
    const runDir = values['run-dir'] ?? path.join('runs', path.basename(path.resolve(out)));
    const progress = trainProgress({ batchSize });
    const workers = intFlag(values.workers, 'workers', 1);
    const gradients = workers > 1 ? await createParallelGradients({ model: trainingModelConfig(model, recipe), helpers: workers - 1 }) : undefined;
    const abort = new AbortController();
    const onSigint = () => {
      if (abort.signal.aborted) process.exit(130);
      process.stderr.write('\ngenegan train: stopping after this iteration (final checkpoint); Ctrl-C again to quit now\n');
      abort.abort();
    };
    process.on('SIGINT', onSigint);
    try {
      const result = await train({
        model, recipe, dataset, runDir, outDir: out, seed, batchSize, gradients,
        iterations,
        resume: values.resume === true,
        initFrom: values['init-from'],
        checkpointEvery: intFlag(values['checkpoint-every'], 'checkpoint-every', DEFAULT_CHECKPOINT_EVERY),
        sampleEvery: intFlag(values['sample-every'], 'sample-every', DEFAULT_SAMPLE_EVERY),
        keep: intFlag(values.keep, 'keep', DEFAULT_KEEP),
        samples,
        manifest: { attribute: dataset.attribute, data: { path: portablePath(data), layout: dataset.layout, split: dataset.split, counts: dataset.counts, skipped: dataset.skipped } },
        onIteration: (info) => progress.update(info),
        signal: abort.signal,
        log: (line) => process.stderr.write(line + '\n'),
      });
      progress.done();
      const summary = { ...result, runDir, out, skippedImages: dataset.skipped };
      process.stdout.write((values.json === true ? JSON.stringify(summary) : describe(summary)) + '\n');
      return result.stoppedEarly ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      await gradients?.dispose();
      disposePairs(samples);
      await dataset.close();
    }
  },
};

/** --lr-decay-from: an iteration in [0, iterations). */
function decayStart(value: string, iterations: number): number {
  const from = intFlag(value, 'lr-decay-from', 0, { min: 0 });
  if (from >= iterations) throw new UsageError(`--lr-decay-from: expected an iteration below --iterations ${iterations}, but got ${from}`);
  return from;
}

/** --fakes and --change-mask: undefined keeps the recipe's (the decodes). */
function fakesFlag(kind: string | undefined, mask: string | undefined): FakesShown | undefined {
  if (kind !== undefined && kind !== 'decoded' && kind !== 'residual') throw new UsageError(`--fakes: expected decoded or residual, but got "${kind}"`);
  if (mask !== undefined && kind !== 'residual') throw new UsageError('--change-mask needs --fakes residual');
  if (kind !== 'residual') return kind === undefined ? undefined : { kind };
  if (mask === undefined) return { kind, mask: {} };
  const parts = mask.split(',').map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[0] >= 0 && parts[1] > parts[0])) {
    throw new UsageError(`--change-mask: expected LOW,HIGH with 0 <= LOW < HIGH, but got "${mask}"`);
  }
  return { kind, mask: { low: parts[0], high: parts[1] } };
}

/** An optional loss weight: a number >= 0, default 0. */
function weightFlag(value: string | undefined, flag: string): number {
  const weight = numberFlag(value, flag, 0);
  if (weight < 0) throw new UsageError(`--${flag}: expected a weight >= 0, but got ${weight}`);
  return weight;
}

/** A loss weight that must stay on: a number > 0. */
function positiveWeight(value: string, flag: string): number {
  const weight = numberFlag(value, flag, 0);
  if (!(weight > 0)) throw new UsageError(`--${flag}: expected a weight > 0, but got ${weight}`);
  return weight;
}

function modelConfig(values: Record<string, string | boolean | undefined>): GeneganConfig {
  const config = wrap(() => presetConfig(values.preset as string));
  const method = values.quant as string | undefined;
  if (method === undefined) {
    if (values.wbits !== undefined || values.abits !== undefined) throw new UsageError('--wbits/--abits need --quant METHOD');
    return config;
  }
  if (!(QUANT_METHODS as readonly string[]).includes(method)) throw new UsageError(`--quant: expected one of ${QUANT_METHODS.join('|')}, but got "${method}"`);
  const wbits = intFlag(values.wbits as string | undefined, 'wbits', 4);
  const abits = intFlag(values.abits as string | undefined, 'abits', FLOAT_ACTIVATION_BITS);
  return { ...config, quant: { method: method as QuantMethod, wbits, abits, floatFirstLast: values['quant-all-layers'] !== true } };
}

function describe(s: { iterations: number; stoppedEarly: boolean; itersPerSecond: number; pairsPerSecond: number; backend: string; out: string; runDir: string; finalLosses: { generator: Record<string, number>; critic: Record<string, number> } }): string {
  const fmt = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ');
  return [
    `${s.stoppedEarly ? 'stopped' : 'finished'} at iteration ${s.iterations} on ${s.backend}: ${s.itersPerSecond.toFixed(3)} it/s, ${s.pairsPerSecond.toFixed(2)} pairs/s`,
    `generator: ${fmt(s.finalLosses.generator)}`,
    `critic:    ${fmt(s.finalLosses.critic)}`,
    `model: ${s.out}   run: ${s.runDir}`,
  ].join('\n');
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
