import { stat } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { weightCodes } from '../quant/fakeQuant.ts';
import { levelOccupancy } from '../quant/levels.ts';
import { readPackedGenerator } from '../quant/packed.ts';
import type { GeneratorEngine, HostTensor, PackedGenerator, PackedTensor, QuantConfig } from '../quant/types.ts';
import { calibrateActivationRanges, calibrateBatchNorm, loadCalibrationImages, type CalibrationSource } from './calibrate.ts';
import { actRangeName, generatorLayers, inputBits, isQuantizedLayer } from './generator.ts';
import { loadModel } from './loadModel.ts';
import { portablePath, savePackedModel } from './saveModel.ts';
import type { Generator, GeneganConfig } from './types.ts';
import { UserError } from '../shared/errors.ts';

/**
 * Post-training quantization of a generator (docs/quantization.md "Post-training quantization"):
 * the kernel of every quantized layer (generator.ts isQuantizedLayer) becomes k-bit level codes
 * with the chosen method, per tensor; every other tensor (BN, biases, float edge kernels) is kept
 * as float32. `weights` maps the generator's variable names to host tensors.
 */
export function quantizeGenerator(weights: Map<string, HostTensor>, config: Pick<GeneganConfig, 'imageSize' | 'width'>, quant: QuantConfig): PackedGenerator {
  const kernels = new Map<string, PackedTensor>();
  const floats = new Map(weights);
  for (const layer of generatorLayers(config)) {
    const name = `${layer.name}/kernel`;
    const kernel = weights.get(name);
    if (kernel === undefined) throw new Error(`quantizeGenerator: expected a generator weight "${name}", but the model has none`);
    if (!isQuantizedLayer(layer, quant)) continue;
    kernels.set(name, { ...weightCodes(kernel.values, quant.method, quant.wbits), shape: [...kernel.shape] });
    floats.delete(name);
  }
  return { quant: { ...quant }, kernels, floats };
}

/** The generator's variables (trainable and BN running state) copied to host memory, by name. */
export function readGeneratorWeights(model: Generator): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const entry of model.entries()) {
    if (entry.group !== 'generator') continue;
    out.set(entry.name, { shape: [...entry.variable.shape], values: Float32Array.from(entry.variable.dataSync() as Float32Array) });
  }
  return out;
}

export interface QuantizeModelOptions {
  /** Float model directory (a QAT model too). */
  model: string;
  out: string;
  quant: QuantConfig;
  engine: GeneratorEngine;
  /** Re-estimate BN moving statistics of the quantized generator on these images (calibrateBatchNorm). */
  calibration?: CalibrationSource;
}

export interface QuantizeModelReport {
  out: string;
  quant: QuantConfig;
  engine: GeneratorEngine;
  /** Bytes of the float model's weight files and of packed.json + packed.bin. */
  floatBytes: number;
  packedBytes: number;
  /** True when BN statistics were re-estimated. */
  calibrated: boolean;
  /** Level occupancy entropy (bits) per quantized kernel. */
  entropyBits: Record<string, number>;
}

/**
 * Post-training quantization of a model directory: loads the float model, quantizes the
 * generator's kernels per tensor, writes a packed low-bit model directory, and reports sizes and
 * level occupancy. With `calibration`, a model whose quantized inputs have no activation ranges
 * gets fitted ones first (calibrateActivationRanges), then BN moving statistics are re-estimated
 * on the quantized generator (calibrateBatchNorm). A QAT model is packed the same way (its master
 * weights, settings, ranges). A packed model can be packed again with other activation bits: its
 * weight codes are kept (repack), and --calibrate is then required for abits < 32.
 */
export async function quantizeModel(options: QuantizeModelOptions): Promise<QuantizeModelReport> {
  const { model, manifest } = await loadModel(options.model);
  try {
    const fromPacked = manifest.quantization?.packed === true;
    let packed = fromPacked ? await repack(options.model, options.quant) : quantizeGenerator(readGeneratorWeights(model), model.config, options.quant);
    let rangesFitted = false;
    if (options.calibration !== undefined) {
      const { au, b0 } = await loadCalibrationImages(options.calibration, model.config.imageSize);
      try {
        if (needsRanges(packed, model.config)) {
          packed = calibrateActivationRanges(packed, model.config, au, b0, packed.quant.abits);
          rangesFitted = true;
        }
        packed = calibrateBatchNorm(packed, model.config, au, b0);
      } finally {
        tf.dispose([au, b0]);
      }
    } else if (fromPacked && needsRanges(packed, model.config)) {
      throw new UserError('usage', `--abits ${packed.quant.abits}: expected --calibrate DATA to fit the activation ranges of ${options.model}, but got none`);
    }
    const extra = {
      source: portablePath(options.model),
      postTraining: model.config.quant === undefined || fromPacked,
      calibration: options.calibration ?? null,
      ...(rangesFitted ? { activationRanges: 'calibrated' } : {}),
    };
    const { packedBytes } = await savePackedModel(options.out, packed, manifest, options.engine, extra);
    const floatBytes = fromPacked ? float32Bytes(packed) : await weightFileBytes(options.model, manifest.weightsManifest);
    const entropyBits = Object.fromEntries([...packed.kernels].map(([name, k]) => [name, levelOccupancy(k.codes, k.bits).entropyBits]));
    return { out: options.out, quant: packed.quant, engine: options.engine, calibrated: options.calibration !== undefined, floatBytes, packedBytes, entropyBits };
  } finally {
    model.dispose();
  }
}

/**
 * A packed model with other activation bits: its kernels' codes are kept as they are (quantizing
 * them again from their levels would not give the same codes), so method, weight bits and the
 * first/last rule must stay its own.
 */
async function repack(dir: string, quant: QuantConfig): Promise<PackedGenerator> {
  const packed = await readPackedGenerator(dir);
  for (const field of ['method', 'wbits', 'floatFirstLast'] as const) {
    if (quant[field] !== packed.quant[field]) {
      throw new UserError('usage', `${dir}: a packed model keeps its weights: expected ${field} ${JSON.stringify(packed.quant[field])}, but got ${JSON.stringify(quant[field])}; quantize its float model to change them`);
    }
  }
  return { quant: { ...packed.quant, abits: quant.abits }, kernels: packed.kernels, floats: new Map(packed.floats) };
}

/** True when some layer's input is quantized and no layer has an activation range yet (a float-activation model). */
function needsRanges(packed: PackedGenerator, config: Pick<GeneganConfig, 'imageSize' | 'width'>): boolean {
  const quantized = generatorLayers(config).filter((layer) => inputBits(layer, packed.quant) !== null);
  return quantized.length > 0 && quantized.every((layer) => !packed.floats.has(actRangeName(layer)));
}

/** What a packed generator's tensors take as float32 (a packed source has no float weight files to measure). */
function float32Bytes(packed: PackedGenerator): number {
  const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  return 4 * [...packed.kernels.values(), ...packed.floats.values()].reduce((a, t) => a + count(t.shape), 0);
}

async function weightFileBytes(dir: string, groups: Array<{ paths: string[] }>): Promise<number> {
  let total = 0;
  for (const group of groups) for (const p of group.paths) total += (await stat(path.join(dir, p))).size;
  return total;
}
