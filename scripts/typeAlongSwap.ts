/**
 * Where a swap loses the glasses' frame shape (docs/bundled-models.md): the factor judge's
 * glasses-type accuracy (truth = the exemplar Au's type) on three images of the same pairs:
 *   Au'      = Dec(A, x)               the reconstruction: the ceiling
 *   reinsert = Dec(Enc(A0).background, x)  Au's own face with its glasses removed, then x put back
 *   Bu       = Dec(B, x)               the swap onto another face
 * Au' -> reinsert is what A's background part carries and A0 drops; reinsert -> Bu is what moving
 * x to a different face costs. Inference mode (BN moving statistics), like `genegan eval`.
 *   node --import tsx scripts/typeAlongSwap.ts MODEL_DIR [COUNT] [DATA] [CLASSIFIERS_DIR]
 */
import path from 'node:path';
import { tf } from '../src/backend/tf.ts';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { openDataset } from '../src/data/openDataset.ts';
import { loadModel } from '../src/model/loadModel.ts';
import { prepareJudges } from '../src/eval/prepareJudges.ts';
import { pairBatches } from '../src/eval/pairBatches.ts';
import { evalBatch } from '../src/eval/evalBatch.ts';
import type { Genegan } from '../src/model/types.ts';
import type { Tensor4D } from '../src/backend/tf.ts';

const [dir, countArg = '300', data = 'data/synth-test-s7', judges = 'runs/bundled/classifiers'] = process.argv.slice(2);
if (dir === undefined) {
  process.stderr.write('usage: node --import tsx scripts/typeAlongSwap.ts MODEL_DIR [COUNT] [DATA] [CLASSIFIERS_DIR]\n');
  process.exit(2);
}
const HEAD = 'glasses_type';
const BATCH = 50;

/** The three images of the pairs (au[i], b0[i]), NHWC [N, S, S, 3] in [0, 1]; the caller disposes them. */
function alongSwap(model: Genegan, au: Tensor4D, b0: Tensor4D): Record<'auRec' | 'reinsert' | 'bu', Tensor4D> {
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const a0 = model.decode(a.background, tf.zerosLike(a.object), false);
    return {
      auRec: model.decode(a.background, a.object, false),
      reinsert: model.decode(model.encode(a0, false).background, a.object, false),
      bu: model.decode(model.encode(b0, false).background, a.object, false),
    };
  });
}

await selectBackend({ log: () => {} });
const { model } = await loadModel(dir);
const ds = await openDataset(data, { attribute: 'Eyeglasses', imageSize: model.config.imageSize, split: 'test', prefetch: 0 });
const prepared = await prepareJudges({
  dataDir: data, attribute: 'Eyeglasses', features: [],
  classifier: path.join(judges, 'eyeglasses'), factorsClassifier: path.join(judges, 'eyeglasses-factors'),
});
const factors = prepared.judges.factors;
if (!factors) throw new Error(`expected a factors judge in ${judges}/eyeglasses-factors, but found none`);
const correct = { auRec: 0, reinsert: 0, bu: 0 };
let pairs = 0;
for await (const pair of pairBatches(ds, Number(countArg), BATCH)) {
  const truth = (await evalBatch(pair, null, prepared.factorTable, factors)).auFactors![HEAD];
  const images = alongSwap(model, pair.au, pair.b0);
  for (const [name, batch] of Object.entries(images) as [keyof typeof correct, Tensor4D][]) {
    const read = (await factors.predict(batch))[HEAD];
    for (let i = 0; i < truth.length; i++) if (read[i] === truth[i]) correct[name]++;
  }
  pairs += truth.length;
  tf.dispose(Object.values(images));
}
await ds.close();
const pct = (n: number) => `${((100 * n) / pairs).toFixed(1)}%`;
console.log(`${dir}, ${pairs} pairs: glasses type on Au' ${pct(correct.auRec)}, reinsert ${pct(correct.reinsert)}, Bu ${pct(correct.bu)}`);
