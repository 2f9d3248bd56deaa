/**
 * The recipe comparison of docs/training.md: short runs of named recipe variants on a synthetic
 * set, one JSON line per run (first/last-20 loss means, last-50 critic mean, it/s); sample grids in
 * runs/recipes-<variant>/samples. Usage:
 *   node --import tsx bench/recipes.bench.ts --data data/synth20k [--iterations 300] [--batch 16] [--width 8] VARIANT...
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { openDataset } from '../src/data/openDataset.ts';
import { presetConfig } from '../src/model/presets.ts';
import { drawSamplePairs, disposePairs } from '../src/train/samples.ts';
import { readLossLog, type LossLine } from '../src/train/lossLog.ts';
import { recipeByName } from '../src/train/recipes.ts';
import { train } from '../src/train/train.ts';
import type { Recipe } from '../src/train/types.ts';

const fast = (edit: (r: Recipe) => void) => () => {
  const r = recipeByName('fast');
  edit(r);
  return r;
};
const lr = (o: Recipe['generatorOptimizer'], v: number) => Object.assign(o, { learningRate: v });
const bnCritic = (r: Recipe) => Object.assign(r, { criticBatchNorm: true, criticSpectralNorm: false });
const noBlur = (r: Recipe) => Object.assign(r, { criticBlur: false });

const VARIANTS: Record<string, () => Recipe> = {
  paper: () => recipeByName('paper'),
  fast: () => recipeByName('fast'),
  'fast-noblur': fast(noBlur),
  'fast-noblur-g2e4': fast((r) => (noBlur(r), lr(r.generatorOptimizer, 2e-4))),
  'fast-noblur-g2e4-adv1': fast((r) => (noBlur(r), lr(r.generatorOptimizer, 2e-4), (r.weights.adversarial = 1))),
  'fast-noblur-adv1': fast((r) => (noBlur(r), (r.weights.adversarial = 1))),
  'bn-critic': fast((r) => (noBlur(r), bnCritic(r))),
  'bn-critic-g2e4': fast((r) => (noBlur(r), bnCritic(r), lr(r.generatorOptimizer, 2e-4))),
  'bn-critic-d1e3': fast((r) => (noBlur(r), bnCritic(r), lr(r.criticOptimizer, 1e-3))),
  'bn-critic-2steps': fast((r) => (noBlur(r), bnCritic(r), (r.criticSchedule.steps = 2))),
  'lsgan-bn-critic-g2e4': fast((r) => (noBlur(r), bnCritic(r), lr(r.generatorOptimizer, 2e-4), (r.gan = 'lsgan'))),
  'sn-critic-d1e3': fast((r) => (noBlur(r), lr(r.criticOptimizer, 1e-3))),
  'blur-bn-critic-d1e3': fast((r) => (bnCritic(r), lr(r.criticOptimizer, 1e-3))),
  'blur-bn-critic-g2e4': fast((r) => (bnCritic(r), lr(r.generatorOptimizer, 2e-4))),
  'fast-gain10': fast((r) => (r.criticGain = 10)),
  'fast-gain10-adv1': fast((r) => ((r.criticGain = 10), (r.weights.adversarial = 1))),
  'fast-objectcycle': fast((r) => (r.weights.objectCycle = 1)),
  'fast-cycles': fast((r) => ((r.weights.objectCycle = 1), (r.weights.swapCycle = 1))),
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { data: { type: 'string', default: 'data/synth20k' }, iterations: { type: 'string', default: '300' }, batch: { type: 'string', default: '16' }, width: { type: 'string', default: '8' } },
});
await selectBackend({ log: () => {} });
const mean = (ls: LossLine[], f: (l: LossLine) => number) => +(ls.reduce((s, l) => s + f(l), 0) / ls.length).toFixed(4);
for (const name of positionals.length > 0 ? positionals : Object.keys(VARIANTS)) {
  const make = VARIANTS[name];
  if (make === undefined) throw new Error(`unknown variant "${name}"; expected one of ${Object.keys(VARIANTS).join(', ')}`);
  const dsOptions = { attribute: 'Eyeglasses', imageSize: 64, seed: 1, flip: true };
  const dataset = await openDataset(values.data, dsOptions);
  const samples = await drawSamplePairs(values.data, dsOptions, 8);
  const runDir = `runs/recipes-${name}`;
  rmSync(runDir, { recursive: true, force: true });
  const result = await train({
    model: { ...presetConfig('tiny'), width: Number(values.width) },
    recipe: make(),
    dataset,
    runDir,
    iterations: Number(values.iterations),
    batchSize: Number(values.batch),
    seed: 1,
    checkpointEvery: Number(values.iterations),
    sampleEvery: 100,
    samples,
  });
  disposePairs(samples);
  await dataset.close();
  const lines = readLossLog(`${runDir}/losses.jsonl`);
  const [first, last] = [lines.slice(0, 20), lines.slice(-20)];
  const out: Record<string, unknown> = { variant: name, itersPerSecond: +result.itersPerSecond.toFixed(3), critic: mean(lines.slice(-50), (l) => l.critic.total) };
  for (const k of ['reconstructionAu', 'reconstructionB0', 'nulling', 'adversarial', 'parallelogram']) out[k] = [mean(first, (l) => l.generator[k]), mean(last, (l) => l.generator[k])];
  process.stdout.write(JSON.stringify(out) + '\n');
}
