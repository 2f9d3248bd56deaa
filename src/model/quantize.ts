import { stat } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { weightCodes } from '../quant/fakeQuant.ts';
import { levelOccupancy } from '../quant/levels.ts';
import type { GeneratorEngine, HostTensor, PackedGenerator, PackedTensor, QuantConfig } from '../quant/types.ts';
import { calibrateBatchNorm, loadCalibrationImages, type CalibrationSource } from './calibrate.ts';
import { generatorLayers, isQuantizedLayer } from './generator.ts';
import { loadModel } from './loadModel.ts';
import { portablePath, savePackedModel } from './saveModel.ts';
import type { Generator, GeneganConfig } from './types.ts';

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
 * level occupancy. With `calibration`, BN moving statistics are re-estimated on the quantized
 * generator (calibrateBatchNorm). A QAT model is packed the same way (its master weights, settings).
 */
export async function quantizeModel(options: QuantizeModelOptions): Promise<QuantizeModelReport> {
  const { model, manifest } = await loadModel(options.model);
  try {
    if (manifest.quantization?.packed === true) {
      throw Object.assign(new Error(`${options.model}: already a packed low-bit model; quantize its float model instead`), { userFacing: true });
    }
    let packed = quantizeGenerator(readGeneratorWeights(model), model.config, options.quant);
    if (options.calibration !== undefined) packed = await calibrate(packed, model.config, options.calibration);
    const extra = { source: portablePath(options.model), postTraining: model.config.quant === undefined, calibration: options.calibration ?? null };
    const { packedBytes } = await savePackedModel(options.out, packed, manifest, options.engine, extra);
    const floatBytes = await weightFileBytes(options.model, manifest.weightsManifest);
    const entropyBits = Object.fromEntries([...packed.kernels].map(([name, k]) => [name, levelOccupancy(k.codes, k.bits).entropyBits]));
    return { out: options.out, quant: options.quant, engine: options.engine, calibrated: options.calibration !== undefined, floatBytes, packedBytes, entropyBits };
  } finally {
    model.dispose();
  }
}

async function calibrate(packed: PackedGenerator, config: GeneganConfig, source: CalibrationSource): Promise<PackedGenerator> {
  const { au, b0 } = await loadCalibrationImages(source, config.imageSize);
  try {
    return calibrateBatchNorm(packed, config, au, b0);
  } finally {
    tf.dispose([au, b0]);
  }
}

async function weightFileBytes(dir: string, groups: Array<{ paths: string[] }>): Promise<number> {
  let total = 0;
  for (const group of groups) for (const p of group.paths) total += (await stat(path.join(dir, p))).size;
  return total;
}
