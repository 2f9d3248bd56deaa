/**
 * The measurement tables of docs/quantization.md, from a trained float model (and optional QAT
 * models) on a dataset's test split. Prints markdown to stdout.
 *   node --import tsx bench/quantReport.ts --model models/NAME --data data/synth20k [--count 64]
 *        [--qat balanced-w4a4=DIR ...] [--bits 2,3,4]
 * Tables: level occupancy on Gaussian values (1e5) and on the trained kernels (entropy, bits);
 * output PSNR of post-training (weights only) and QAT models against the float model's outputs
 * (Au' = reconstruction, A0 = attribute removed, Bu = attribute added) and reconstruction PSNR
 * against the input; packed sizes. --grid FILE.png also renders, for the first 4 test pairs,
 * one row per model: Bu (B0 given Au's attribute) x4, then A0 (Au with it removed) x4; row 1 holds
 * the inputs B0 x4, Au x4, row 2 the float model.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../src/backend/tf.ts';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { openDataset } from '../src/data/openDataset.ts';
import { psnr } from '../src/eval/imageMetrics.ts';
import { encodeImage } from '../src/data/imageFiles.ts';
import { tileImages } from '../src/model/images.ts';
import { calibrateBatchNorm } from '../src/model/calibrate.ts';
import { loadCalibrationImages } from '../src/model/calibrate.ts';
import { loadModel } from '../src/model/loadModel.ts';
import type { Generator, GeneganConfig } from '../src/model/types.ts';
import { balancedCodes } from '../src/quant/balanced.ts';
import { doReFaCodes, meanScaledCodes } from '../src/quant/uniform.ts';
import { levelOccupancy } from '../src/quant/levels.ts';
import { packedModel } from '../src/model/packed.ts';
import { quantizeGenerator } from '../src/model/quantize.ts';
import { readGeneratorWeights } from '../src/model/quantize.ts';
import { seededGaussian } from '../src/shared/random.ts';
import { weightCodes } from '../src/quant/fakeQuant.ts';
import { writePackedGenerator } from '../src/quant/packed.ts';
import type { PackedGenerator, QuantConfig, QuantMethod, WeightCodes } from '../src/quant/types.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    attribute: { type: 'string', default: 'Eyeglasses' },
    count: { type: 'string', default: '64' },
    bits: { type: 'string', default: '2,3,4' },
    qat: { type: 'string', multiple: true, default: [] },
    grid: { type: 'string' },
    'no-calibrate': { type: 'boolean', default: false },
  },
});
if (values.model === undefined || values.data === undefined) throw new Error('expected --model DIR and --data DIR');
await selectBackend({ log: () => {} });
const bitsList = (values.bits as string).split(',').map(Number);
const METHODS: QuantMethod[] = ['balanced', 'balanced-exact', 'uniform'];
const fmt = (x: number, d = 2) => x.toFixed(d);
const out = (line = '') => process.stdout.write(line + '\n');

gaussianOccupancy();
const { model: float, manifest } = await loadModel(values.model);
const weights = readGeneratorWeights(float);
trainedOccupancy(float.config);
const images = await testImages();
const reference = outputs(float, images);
const GRID_PAIRS = 4;
const gridRows: Tensor4D[] = [gridRow({ bu: images.b0, a0: images.au }), gridRow(reference)];
const gridLabels: string[] = ['float'];
const calibration = values['no-calibrate'] ? null : await loadCalibrationImages({ data: values.data, attribute: values.attribute, count: Number(values.count) }, manifest.config.imageSize);
await qualityAndSize();
if (values.grid !== undefined) {
  const grid = tf.tidy(() => tileImages(tf.concat(gridRows, 0) as Tensor4D, 2 * GRID_PAIRS));
  await writeFile(values.grid, await encodeImage(grid, 'png'));
  grid.dispose();
  out(`Grid ${values.grid}, rows: inputs (B0 | Au), ${gridLabels.join(', ')}.`);
}
tf.dispose(gridRows);
tf.dispose([images.au, images.b0, ...Object.values(reference)]);
float.dispose();

function gaussianOccupancy(): void {
  const w = seededGaussian(100_000, 2024, 0.02);
  const quantizers: Array<[string, (k: number) => WeightCodes]> = [
    ['balanced-exact', (k) => balancedCodes(w, k, true)],
    ['balanced (mean approx.)', (k) => balancedCodes(w, k, false)],
    ['uniform (DoReFa)', (k) => doReFaCodes(w, k)],
    ['mean-scaled (bit-rnn)', (k) => meanScaledCodes(w, k)],
  ];
  out('### Level occupancy on 1e5 Gaussian values (N(0, 0.02^2), seed 2024)');
  out();
  out('| quantizer | k | share of values per level, % (lowest level first) | entropy, bits |');
  out('|---|---|---|---|');
  for (const [name, q] of quantizers) {
    for (const k of bitsList) {
      const { shares, entropyBits } = levelOccupancy(q(k).codes, k);
      out(`| ${name} | ${k} | ${shares.map((s) => fmt(100 * s, 1)).join(' / ')} | ${fmt(entropyBits, 3)} |`);
    }
  }
  out();
}

function trainedOccupancy(config: GeneganConfig): void {
  const kernels = [...quantizeGenerator(weights, config, { method: 'uniform', wbits: 2, abits: 32, floatFirstLast: true }).kernels.keys()];
  out(`### Level occupancy of the trained generator's kernels (${values.model}), entropy in bits`);
  out();
  out(`| kernel | size | ${bitsList.flatMap((k) => METHODS.map((m) => `${m} k=${k}`)).join(' | ')} |`);
  out(`|---|---|${bitsList.flatMap(() => METHODS.map(() => '---')).join('|')}|`);
  for (const name of kernels) {
    const t = weights.get(name)!;
    const cells = bitsList.flatMap((k) => METHODS.map((m) => fmt(levelOccupancy(weightCodes(t.values, m, k).codes, k).entropyBits, 3)));
    out(`| ${name} | ${t.values.length} | ${cells.join(' | ')} |`);
  }
  out();
}

async function testImages(): Promise<{ au: Tensor4D; b0: Tensor4D }> {
  const ds = await openDataset(values.data as string, { attribute: values.attribute, imageSize: manifest.config.imageSize, split: 'test', seed: 0 });
  const n = Number(values.count);
  const au = (await ds.batchAt('with', 0, n)).images;
  const b0 = (await ds.batchAt('without', 0, n)).images;
  await ds.close();
  return { au, b0 };
}

/** Au' (reconstruction), A0 (removed), Bu (added), each NHWC [N,S,S,3] in [0,1]. */
function outputs(model: Generator, im: { au: Tensor4D; b0: Tensor4D }): Record<'auRec' | 'a0' | 'bu', Tensor4D> {
  return tf.tidy(() => {
    const a = model.encode(im.au, false);
    const b = model.encode(im.b0, false);
    return {
      auRec: model.decode(a.background, a.object, false),
      a0: model.decode(a.background, tf.zerosLike(a.object), false),
      bu: model.decode(b.background, a.object, false),
    };
  });
}

/** Grid rows: QAT models, and 2- and 4-bit balanced / uniform post-training (recalibrated when calibrating). */
function inGrid(label: string, quant: QuantConfig | { method: string; wbits: number }, calibrated: boolean): boolean {
  if (label.startsWith('QAT')) return true;
  if (label.startsWith('float')) return false;
  return calibrated === (calibration !== null) && quant.method !== 'balanced-exact' && quant.wbits !== 3;
}

/** First GRID_PAIRS of Bu then of A0, as one grid row. */
function gridRow(o: { bu: Tensor4D; a0: Tensor4D }): Tensor4D {
  return tf.tidy(() => tf.concat([o.bu.slice(0, GRID_PAIRS), o.a0.slice(0, GRID_PAIRS)], 0) as Tensor4D);
}

function meanPsnr(a: Tensor4D, b: Tensor4D): number {
  return tf.tidy(() => psnr(a, b).mean().dataSync()[0]);
}

type Outputs = Record<'auRec' | 'a0' | 'bu', Tensor4D>;

async function qualityAndSize(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quant-report-'));
  const floatBytes = [...weights.values()].reduce((s, t) => s + t.values.byteLength, 0);
  const header = (ref: string) => {
    out(`| model | Au' vs ${ref} | A0 vs ${ref} | Bu vs ${ref} | Au' vs input | packed bytes | float / packed |`);
    out('|---|---|---|---|---|---|---|');
  };
  /** Packs (or keeps float), optionally recalibrates, runs the packed model, prints one row against `ref`. */
  const row = async (label: string, cfg: GeneganConfig, packed: PackedGenerator, ref: Outputs, calibrate: boolean): Promise<Outputs> => {
    const p = calibrate && calibration !== null ? calibrateBatchNorm(packed, cfg, calibration.au, calibration.b0) : packed;
    const bytes = await writePackedGenerator(path.join(dir, label.replace(/[^a-z0-9]+/gi, '-')), p);
    const model = packedModel(p, cfg, 'lowbit', label);
    const o = outputs(model, images);
    model.dispose();
    out(`| ${label} | ${fmt(meanPsnr(o.auRec, ref.auRec))} | ${fmt(meanPsnr(o.a0, ref.a0))} | ${fmt(meanPsnr(o.bu, ref.bu))} | ${fmt(meanPsnr(o.auRec, images.au))} | ${bytes} | ${fmt(floatBytes / bytes)} |`);
    if (values.grid !== undefined && inGrid(label, p.quant, calibrate)) {
      gridRows.push(gridRow(o));
      gridLabels.push(label);
    }
    return o;
  };
  const ptq = (method: QuantMethod, k: number) => quantizeGenerator(weights, float.config, { method, wbits: k, abits: 32, floatFirstLast: true });

  out(`### Output PSNR against the float model (dB, mean over ${values.count} test pairs) and sizes`);
  out();
  out(`Float model: reconstruction PSNR (Au' vs input) ${fmt(meanPsnr(reference.auRec, images.au))} dB; float32 generator weights ${floatBytes} bytes.`);
  out();
  header('float');
  for (const k of bitsList) for (const method of METHODS) tf.dispose(Object.values(await row(`post-training ${method} w${k}`, float.config, ptq(method, k), reference, false)));
  for (const spec of values.qat as string[]) {
    const [label, qatDir] = spec.split('=');
    const { model: qat } = await loadModel(qatDir);
    if (qat.config.quant === undefined) throw new Error(`${qatDir}: expected a QAT model (config.quant), but it has none`);
    tf.dispose(Object.values(await row(`QAT ${label}`, qat.config, quantizeGenerator(readGeneratorWeights(qat), qat.config, qat.config.quant), reference, false)));
    qat.dispose();
  }
  out();
  if (calibration !== null) {
    out(`### Post-training with BN recalibration (first ${values.count} training images per set), against the recalibrated float model`);
    out();
    header('float+recal.');
    const asFloat: PackedGenerator = { quant: { method: 'balanced', wbits: 8, abits: 32, floatFirstLast: true }, kernels: new Map(), floats: new Map(weights) };
    const floatCal = await row('float + BN recalibration (no quantization)', float.config, asFloat, reference, true);
    for (const k of bitsList) for (const method of METHODS) tf.dispose(Object.values(await row(`post-training ${method} w${k} + BN recal.`, float.config, ptq(method, k), floatCal, true)));
    tf.dispose(Object.values(floatCal));
    out();
    out("(The first row compares the recalibrated float model with the float model: how much recalibration alone moves the outputs.)");
    out();
  }
  await rm(dir, { recursive: true, force: true });
}
