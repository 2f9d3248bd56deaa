/**
 * Evaluation benchmarks (docs/eval.md "Cost and memory").  npm run bench:eval [-- --repeats 5]
 * 1. Per-batch cost of one evaluation row on a compact64 generator (random weights; speed does not
 *    depend on them): the four decodes + PSNR/SSIM, for the float model and a packed 4-bit one.
 * 2. Feature networks per image: FD-attrclf (the 64-d classifier features) and FD-faceres (1024-d).
 * 3. One Fréchet distance (float64 eigendecompositions) at 64 and 1024 dimensions.
 * Medians of --repeats runs, interleaved, so the shared machine's load hits all alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../src/backend/tf.ts';
import { describeBackend, selectBackend } from '../src/backend/selectBackend.ts';
import { createGenegan } from '../src/model/createGenegan.ts';
import { loadModel, resolveEngine } from '../src/model/loadModel.ts';
import { presetConfig } from '../src/model/presets.ts';
import { saveModel } from '../src/model/saveModel.ts';
import { quantizeModel } from '../src/model/quantize.ts';
import { createClassifier } from '../src/eval/classifier/network.ts';
import { classifierFeatures, faceresFeatures } from '../src/eval/featureNetworks.ts';
import { frechetDistance } from '../src/eval/frechet.ts';
import { generateFour } from '../src/eval/pairs.ts';
import { psnr, ssim } from '../src/eval/imageMetrics.ts';
import { RunningMoments } from '../src/eval/accumulators.ts';
import type { FeatureNetwork } from '../src/eval/types.ts';
import type { Generator } from '../src/model/types.ts';

const BATCH = 16;
const { values } = parseArgs({ options: { repeats: { type: 'string', default: '5' } } });
const repeats = Number(values.repeats);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeIt(run: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function rowBatch(model: Generator, au: Tensor4D, b0: Tensor4D): Promise<void> {
  const four = generateFour(model, au, b0);
  const scores = [psnr(au, four.auRec), ssim(au, four.auRec), psnr(b0, four.b0Rec), ssim(b0, four.b0Rec)];
  await Promise.all(scores.map((s) => s.data()));
  tf.dispose([...scores, ...Object.values(four)]);
}

async function featureBatch(net: FeatureNetwork, images: Tensor4D): Promise<void> {
  const f = net.features(images);
  await f.data();
  f.dispose();
}

function frechetAt(dim: number): number {
  const a = new RunningMoments(dim);
  const b = new RunningMoments(dim);
  const row = new Float64Array(dim);
  for (let s = 0; s < 300; s++) {
    for (let i = 0; i < dim; i++) row[i] = Math.sin(s * 13 + i * 7.1);
    a.add(row);
    for (let i = 0; i < dim; i++) row[i] = 1.1 * Math.cos(s * 3 + i * 1.7);
    b.add(row);
  }
  const [ma, mb] = [a.moments(), b.moments()];
  const t = performance.now();
  frechetDistance(ma, mb);
  return performance.now() - t;
}

async function main(): Promise<void> {
  const info = await selectBackend({ log: () => {} });
  console.log(describeBackend(info));
  const work = mkdtempSync(path.join(tmpdir(), 'genegan-bench-eval-'));
  try {
    const float = createGenegan(presetConfig('compact64'), { critics: false, seed: 1 });
    await saveModel(path.join(work, 'float'), float, { attribute: 'Eyeglasses' });
    await quantizeModel({ model: path.join(work, 'float'), out: path.join(work, 'q4'), quant: { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true }, engine: resolveEngine() });
    const packed = (await loadModel(path.join(work, 'q4'))).model;
    const classifier = createClassifier({ inputSize: 64, width: 16, heads: [{ name: 'Eyeglasses', labels: ['without', 'with'] }] });
    const nets = [classifierFeatures(classifier), await faceresFeatures()];
    const au = tf.randomUniform([BATCH, 64, 64, 3], 0, 1, 'float32', 1) as Tensor4D;
    const b0 = tf.randomUniform([BATCH, 64, 64, 3], 0, 1, 'float32', 2) as Tensor4D;
    const times: Record<string, number[]> = {};
    const add = (k: string, ms: number) => (times[k] ??= []).push(ms);
    for (let r = 0; r < repeats + 1; r++) {
      const keep = r > 0; // the first round warms up kernels and caches
      const tf32 = await timeIt(() => rowBatch(float, au, b0));
      const tq4 = await timeIt(() => rowBatch(packed, au, b0));
      const tnets: number[] = [];
      for (const net of nets) tnets.push(await timeIt(() => featureBatch(net, au)));
      if (!keep) continue;
      add('row float32', tf32);
      add('row packed balanced 4-bit', tq4);
      nets.forEach((n, i) => add(`features ${n.name}`, tnets[i]));
    }
    console.log(`\n| step (batch ${BATCH}, 64 px) | median ms per batch | ms per image |\n|---|---|---|`);
    for (const [k, v] of Object.entries(times)) console.log(`| ${k} | ${median(v).toFixed(0)} | ${(median(v) / BATCH).toFixed(1)} |`);
    console.log('\n| Fréchet distance | ms (300 samples per side) |\n|---|---|');
    for (const dim of [64, 1024]) console.log(`| ${dim}-d | ${frechetAt(dim).toFixed(0)} |`);
    tf.dispose([au, b0]);
    nets.forEach((n) => n.dispose());
    classifier.dispose();
    float.dispose();
    packed.dispose();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
