import { stat } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { loadModel } from '../model/loadModel.ts';
import { portablePath } from '../model/portablePath.ts';
import type { GeneganConfig } from '../model/types.ts';
import { calibrateBatchNorm } from './calibrateBatchNorm.ts';
import { loadCalibrationImages, type CalibrationSource } from './loadCalibrationImages.ts';
import { levelOccupancy } from './levels.ts';
import { quantizeGenerator } from './quantizeGenerator.ts';
import { readGeneratorWeights } from './readGeneratorWeights.ts';
import { savePackedModel } from './savePackedModel.ts';
import type { GeneratorEngine, PackedGenerator, QuantConfig } from './types.ts';

export interface QuantizeModelOptions {
  /** Float model directory (src/model format; a QAT model too). */
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
 * Post-training quantization (spec/quantization.md): loads a float model directory, quantizes the
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
