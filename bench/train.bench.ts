/**
 * Training-engine benchmark (docs/engine.md "Benchmark").
 *   npm run bench:train [-- --rounds 3 --iters 3 --quick --ref128 --no-ref]
 * Pairs (Au, B0) per second of one full GeneGAN training iteration in the official layout (2
 * encodes, 4 decodes, generator step, critic step on the same reals and fakes, RMSProp, WGAN weight
 * clipping; random images) at 64x64, batch 16, with the product's own code (src/model, src/train),
 * on every available backend: wasm at widths 32 and 128, single-threaded and with the parallel
 * gradient engine (src/train/parallel); cpu at width 32 only, one short run. Plus the latency of
 * one swap (2 encodes, 2 decodes, batch 1). The PyTorch reference (the optional script at REFERENCE below,
 * on Debian's python3-torch; docs/engine.md "Benchmark") runs in the same process tree when present, alternating with ours round
 * by round, so that ratios compare like with like on a shared machine; medians over rounds.
 * Last line: one JSON object (wasm, width 32) for machines to read.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { tf, type Tensor4D } from '../src/backend/tf.ts';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { createParallelGradients } from '../src/train/parallel/createParallelGradients.ts';
import { createGenegan } from '../src/model/createGenegan.ts';
import { swap } from '../src/model/operations.ts';
import type { GeneganConfig } from '../src/model/types.ts';
import { applyCriticGradients } from '../src/train/criticStep.ts';
import { createOptimizer } from '../src/train/createOptimizer.ts';
import { applyGeneratorGradients } from '../src/train/generatorStep.ts';
import { LOCAL_GRADIENTS } from '../src/train/runIteration.ts';
import type { GradientEngine } from '../src/train/types.ts';
import { recipeByName } from '../src/train/recipes.ts';
import { trainableByName } from '../src/train/gradientStep.ts';

const IMAGE_SIZE = 64;
const BATCH = 16;
/**
 * The cpu backend's short run: one iteration at batch 2 (its Conv2DBackpropFilter is a plain loop;
 * one batch-16 iteration takes over ten minutes). Its pairs/s scale linearly with the batch.
 */
const CPU_BATCH = 2;
const WIDTHS = [32, 128] as const;
const REFERENCE_WIDTH = 32;
const PYTHON = '/usr/bin/python3';
const REFERENCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/bench/genegan_ref.py');
/** The reference's own pace: a width-128 iteration takes it minutes, so it runs there only on request. */
const REFERENCE_TIMEOUT_MS = 30 * 60 * 1000;

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    iters: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    ref128: { type: 'boolean', default: false },
    'no-ref': { type: 'boolean', default: false },
  },
});
const ROUNDS = opts.quick ? 1 : Number(opts.rounds);
const ITERS = opts.quick ? 1 : Number(opts.iters);
// The official code's iteration (docs/training.md "Recipes", `paper`) as the reference times it: one critic step that
// reuses the generator step's batch and fakes, RMSProp (decay 0.8), weight clipping to 0.01.
const RECIPE = recipeByName('paper', { criticFreshBatch: false, criticSchedule: { steps: 1, burstEvery: 0, burstSteps: 1 } });

type Mode = 'single' | 'parallel';
interface Row { backend: string; width: number; mode: Mode | 'reference'; pairsPerS: number[]; swapMs: number[] }

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A model, its optimisers and random batches on the active backend. */
function setup(width: number, batch: number) {
  const config: GeneganConfig = { imageSize: IMAGE_SIZE, width, objectRatio: 0.25 };
  const model = createGenegan(config, { seed: 1 });
  const og = createOptimizer(RECIPE.generatorOptimizer, trainableByName(model, 'generator'));
  const od = createOptimizer(RECIPE.criticOptimizer, trainableByName(model, 'critic'));
  const au = tf.randomUniform([batch, IMAGE_SIZE, IMAGE_SIZE, 3]) as Tensor4D;
  const b0 = tf.randomUniform([batch, IMAGE_SIZE, IMAGE_SIZE, 3]) as Tensor4D;
  const dispose = () => {
    og.dispose();
    od.dispose();
    model.dispose();
    tf.dispose([au, b0]);
  };
  return { config, model, og, od, au, b0, batch, dispose };
}

/** One iteration: generator step, then the critic step on the same reals and the fakes. */
async function iteration(s: ReturnType<typeof setup>, engine: GradientEngine): Promise<void> {
  const g = await engine.generator(s.model, s.au, s.b0, RECIPE, true);
  applyGeneratorGradients(s.model, s.og, g);
  try {
    const d = await engine.critic(s.model, s.au, s.b0, RECIPE, g.fakes);
    applyCriticGradients(s.model, s.od, d, RECIPE);
  } finally {
    if (g.fakes !== undefined) tf.dispose([g.fakes.bu, g.fakes.a0]);
  }
}

/** Pairs per second over `iters` iterations after `warmup` untimed ones. */
async function trainRate(s: ReturnType<typeof setup>, engine: GradientEngine, iters: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await iteration(s, engine);
  const started = performance.now();
  for (let i = 0; i < iters; i++) await iteration(s, engine);
  return (s.batch * iters) / ((performance.now() - started) / 1000);
}

/** Median milliseconds of one swap (2 encodes, 2 decodes, inference mode, batch 1). */
function swapMs(s: ReturnType<typeof setup>, repeats: number): number {
  const [au, b0] = [s.au, s.b0].map((t) => tf.slice(t, [0, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D);
  const once = () => {
    const out = swap(s.model, au, b0);
    out.a0.dataSync();
    out.bu.dataSync();
    tf.dispose([out.a0, out.bu]);
  };
  once();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  tf.dispose([au, b0]);
  return median(times);
}

async function measure(backend: string, width: number, mode: Mode, iters: number): Promise<{ pairsPerS: number; swapMs: number }> {
  await tf.setBackend(backend);
  const s = setup(width, backend === 'cpu' ? CPU_BATCH : BATCH);
  const engine = mode === 'parallel' ? await createParallelGradients({ model: s.config, helpers: 1 }) : LOCAL_GRADIENTS;
  try {
    // The cpu backend's single short run skips the warm-up: its iteration takes over a minute.
    const pairsPerS = await trainRate(s, engine, iters, backend === 'cpu' ? 0 : 1);
    return { pairsPerS, swapMs: swapMs(s, backend === 'cpu' ? 3 : width === REFERENCE_WIDTH ? 15 : 5) };
  } finally {
    await engine.dispose?.();
    s.dispose();
  }
}

/** tfjs-node(-gpu) when it loads here (it registers the "tensorflow" backend); reasons otherwise. */
async function nativeBackends(): Promise<string[]> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(pkg);
      return ['tensorflow'];
    } catch (err) {
      console.log(`${pkg}: unavailable (${err instanceof Error ? err.message.split('\n')[0] : err})`);
    }
  }
  return [];
}

const run = promisify(execFile);

async function reference(width: number): Promise<{ pairsPerS: number; swapMs: number } | null> {
  if (opts['no-ref'] || !existsSync(PYTHON) || !existsSync(REFERENCE)) return null;
  try {
    const args = [REFERENCE, '--width', String(width), '--batch', String(BATCH), '--size', String(IMAGE_SIZE), '--iters', String(width === REFERENCE_WIDTH ? 3 : 1)];
    const { stdout } = await run(PYTHON, args, { timeout: REFERENCE_TIMEOUT_MS });
    const last = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { pairs_per_s: number; swap_ms_one_pair: number };
    return { pairsPerS: last.pairs_per_s, swapMs: last.swap_ms_one_pair };
  } catch (err) {
    console.error(`reference failed (${PYTHON} ${REFERENCE}): ${err instanceof Error ? err.message.split('\n')[0] : err}`);
    return null;
  }
}

function record(rows: Row[], key: Omit<Row, 'pairsPerS' | 'swapMs'>, m: { pairsPerS: number; swapMs: number } | null): void {
  if (m === null) return;
  console.error(`${key.backend} width ${key.width} ${key.mode}: ${m.pairsPerS.toFixed(2)} pairs/s, swap ${m.swapMs.toFixed(1)} ms`);
  let row = rows.find((r) => r.backend === key.backend && r.width === key.width && r.mode === key.mode);
  if (row === undefined) rows.push((row = { ...key, pairsPerS: [], swapMs: [] }));
  row.pairsPerS.push(m.pairsPerS);
  row.swapMs.push(m.swapMs);
}

async function main(): Promise<void> {
  const info = await selectBackend({ force: 'wasm', log: () => {} });
  console.log(`genegan training benchmark: ${IMAGE_SIZE}x${IMAGE_SIZE}, batch ${BATCH}, ${ROUNDS} round(s) x ${ITERS} timed iteration(s); wasm simd=${info.details.simd}`);
  const rows: Row[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const width of WIDTHS) {
      if (width !== REFERENCE_WIDTH && round > 0 && !opts.quick) continue; // one round at 128: minutes each
      for (const mode of ['single', 'parallel'] as const) record(rows, { backend: 'wasm', width, mode }, await measure('wasm', width, mode, width === REFERENCE_WIDTH ? ITERS : 1));
      if (width === REFERENCE_WIDTH || opts.ref128) record(rows, { backend: 'pytorch', width, mode: 'reference' }, await reference(width));
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
  for (const name of await nativeBackends()) {
    for (const width of WIDTHS) record(rows, { backend: name, width, mode: 'single' }, await measure(name, width, 'single', ITERS));
  }
  record(rows, { backend: 'cpu', width: REFERENCE_WIDTH, mode: 'single' }, await measure('cpu', REFERENCE_WIDTH, 'single', 1));
  await tf.setBackend('wasm');
  printTable(rows);
  printRounds(rows);
  console.log(JSON.stringify(summary(rows)));
}

function printTable(rows: Row[]): void {
  console.log('\n| backend | width | mode | pairs/s (median) | runs | swap ms (median) | pairs/s vs reference | swap vs reference |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ref = rows.find((x) => x.mode === 'reference' && x.width === r.width);
    const ratio = ref === undefined || r === ref ? '' : `${(median(r.pairsPerS) / median(ref.pairsPerS)).toFixed(2)}x`;
    const swapRatio = ref === undefined || r === ref ? '' : `${(median(r.swapMs) / median(ref.swapMs)).toFixed(2)}x`;
    const backend = r.backend === 'cpu' ? `cpu (batch ${CPU_BATCH})` : r.backend;
    console.log(`| ${backend} | ${r.width} | ${r.mode} | ${median(r.pairsPerS).toFixed(2)} | ${r.pairsPerS.length} | ${median(r.swapMs).toFixed(1)} | ${ratio} | ${swapRatio} |`);
  }
}

/**
 * Width 32 round by round: ours and the reference ran back to back within a round, so a round's
 * ratio is the fair comparison when other work comes and goes on the machine.
 */
function printRounds(rows: Row[]): void {
  const pick = (backend: string, mode: Row['mode']) => rows.find((r) => r.backend === backend && r.width === REFERENCE_WIDTH && r.mode === mode);
  const [single, parallel, ref] = [pick('wasm', 'single'), pick('wasm', 'parallel'), pick('pytorch', 'reference')];
  if (single === undefined || parallel === undefined || ref === undefined) return;
  console.log('\n| round (width 32) | single pairs/s | parallel pairs/s | reference pairs/s | single / ref | parallel / ref | swap ms | ref swap ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  ref.pairsPerS.forEach((refRate, i) => {
    const cells = [single.pairsPerS[i], parallel.pairsPerS[i], refRate].map((x) => x.toFixed(2));
    const ratios = [single.pairsPerS[i] / refRate, parallel.pairsPerS[i] / refRate].map((x) => `${x.toFixed(2)}x`);
    console.log(`| ${i + 1} | ${cells.join(' | ')} | ${ratios.join(' | ')} | ${single.swapMs[i].toFixed(1)} | ${ref.swapMs[i].toFixed(1)} |`);
  });
}

/** The machine-readable line: wasm at width 32, its faster mode, and the reference's numbers. */
function summary(rows: Row[]) {
  const ours = rows.filter((r) => r.backend === 'wasm' && r.width === REFERENCE_WIDTH);
  const best = ours.reduce((a, b) => (median(b.pairsPerS) > median(a.pairsPerS) ? b : a));
  const ref = rows.find((r) => r.mode === 'reference' && r.width === REFERENCE_WIDTH);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    backend: 'wasm',
    width: REFERENCE_WIDTH,
    pairs_per_s: round2(median(best.pairsPerS)),
    swap_ms: round2(Math.min(...ours.map((r) => median(r.swapMs)))),
    ref_pairs_per_s: ref === undefined ? null : round2(median(ref.pairsPerS)),
    ref_swap_ms: ref === undefined ? null : round2(median(ref.swapMs)),
  };
}

await main();
