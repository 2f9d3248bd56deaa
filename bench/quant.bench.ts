/**
 * Float vs low-bit generator speed (docs/quantization.md "Speed"). One process, one backend;
 * medians of repeated encode+decode passes (inference mode), ratios within this run.
 *   npm run bench:quant [-- --preset compact64 --batch 1,8 --reps 15]
 *   npm run bench:quant -- --model models/eyeglasses64   (a served model's own configuration)
 * Rows: the float model (src/model forward; with --model, the same packed weights dequantized with
 * float activations), the packed model on the 'float' engine (fake-quant
 * float path: dequantized kernels, tfjs conv2d / conv2dTranspose) and on the 'lowbit' engine
 * (integer codes times integer kernels, one folded per-channel scale).
 */
import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../src/backend/tf.ts';
import { selectBackend, describeBackend } from '../src/backend/selectBackend.ts';
import { presetConfig } from '../src/model/presets.ts';
import { INFERENCE } from '../src/model/normalization.ts';
import { packedNetwork } from '../src/model/packed.ts';
import { quantizeGenerator } from '../src/model/quantize.ts';
import { readGeneratorWeights } from '../src/model/quantize.ts';
import { randomizedModel } from '../test/helpers/model.ts';
import { FLOAT_ACTIVATION_BITS, type QuantConfig } from '../src/quant/types.ts';
import { readPackedGenerator } from '../src/quant/packed.ts';
import { readManifest } from '../src/model/loadModel.ts';
import type { Genegan } from '../src/model/types.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'compact64' },
    batch: { type: 'string', default: '1,8' },
    reps: { type: 'string', default: '15' },
    bits: { type: 'string', default: '4' },
    abits: { type: 'string', default: '4' },
    model: { type: 'string' },
  },
});
const info = await selectBackend({ log: () => {} });
console.log(describeBackend(info));
const served = values.model === undefined ? null : { packed: await readPackedGenerator(values.model), manifest: await readManifest(values.model) };
const model = served === null ? randomizedModel(values.preset as string, 1) : null;
const config = served?.manifest.config ?? (model as Genegan).config;
const packed = served?.packed ?? quantizeGenerator(readGeneratorWeights(model as Genegan), config, { method: 'balanced', wbits: Number(values.bits), abits: Number(values.abits), floatFirstLast: true });
const quant: QuantConfig = packed.quant;
const engines = { float: packedNetwork(packed, config, 'float'), lowbit: packedNetwork(packed, config, 'lowbit') };
// With --model, the float row is the same generator with float activations: what the low-bit path replaces.
const floatNetwork = served === null ? null : packedNetwork({ ...packed, quant: { ...packed.quant, abits: FLOAT_ACTIVATION_BITS } }, config, 'float');
const size = config.imageSize;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median ms of each pass. Passes are interleaved (A B C, B C A, ...) so that the load of other
 * processes on this shared machine hits every variant alike.
 */
function timeInterleaved(passes: Array<() => tf.Tensor>, reps: number): number[] {
  const once = (p: () => tf.Tensor) => {
    const t0 = performance.now();
    const y = p();
    y.dataSync();
    y.dispose();
    return performance.now() - t0;
  };
  passes.forEach((p) => { once(p); once(p); });
  const ms = passes.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < passes.length; k++) {
      const i = (r + k) % passes.length;
      ms[i].push(once(passes[i]));
    }
  }
  return ms.map(median);
}

console.log(`${values.model ?? `preset ${values.preset}`}, ${quant.method} w${quant.wbits} a${quant.abits} (first/last float); median ms per encode+decode`);
console.log('| batch | float model | packed, float engine | packed, lowbit engine | lowbit speed-up vs float engine |');
console.log('|---|---|---|---|---|');
for (const batch of (values.batch as string).split(',').map(Number)) {
  const images = tf.randomUniform([batch, size, size, 3], 0, 1, 'float32', batch) as Tensor4D;
  const floatModel = () => tf.tidy(() => {
    if (floatNetwork !== null) return floatNetwork.decode(floatNetwork.encode(images, INFERENCE), INFERENCE);
    const { background, object } = (model as Genegan).encode(images, false);
    return (model as Genegan).decode(background, object, false);
  });
  const run = (r: typeof engines.float) => () => tf.tidy(() => r.decode(r.encode(images, INFERENCE), INFERENCE));
  const [m, f, l] = timeInterleaved([floatModel, run(engines.float), run(engines.lowbit)], Number(values.reps));
  console.log(`| ${batch} | ${m.toFixed(1)} | ${f.toFixed(1)} | ${l.toFixed(1)} | ${(f / l).toFixed(2)}x |`);
  images.dispose();
}
engines.float.dispose();
engines.lowbit.dispose();
floatNetwork?.dispose();
model?.dispose();
