import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadModel } from '../model/loadModel.ts';
import { levelOccupancy } from './levelOccupancy.ts';
import { quantizeGenerator } from './quantizeGenerator.ts';
import { readGeneratorWeights } from './readGeneratorWeights.ts';
import { savePackedModel } from './savePackedModel.ts';
import type { GeneratorEngine, QuantConfig } from './types.ts';

export interface QuantizeModelOptions {
  /** Float model directory (src/model format; a QAT model too). */
  model: string;
  out: string;
  quant: QuantConfig;
  engine: GeneratorEngine;
}

export interface QuantizeModelReport {
  out: string;
  quant: QuantConfig;
  engine: GeneratorEngine;
  /** Bytes of the float model's weight files and of packed.json + packed.bin. */
  floatBytes: number;
  packedBytes: number;
  /** Level occupancy entropy (bits) per quantized kernel. */
  entropyBits: Record<string, number>;
}

/**
 * Post-training quantization (spec/quantization.md): loads a float model directory, quantizes the
 * generator's kernels per tensor, writes a packed low-bit model directory, and reports sizes and
 * level occupancy. A QAT model is packed the same way (its float master weights, its settings).
 */
export async function quantizeModel(options: QuantizeModelOptions): Promise<QuantizeModelReport> {
  const { model, manifest } = await loadModel(options.model);
  try {
    if (manifest.quantization?.packed === true) {
      throw Object.assign(new Error(`${options.model}: already a packed low-bit model; quantize its float model instead`), { userFacing: true });
    }
    const packed = quantizeGenerator(readGeneratorWeights(model), model.config, options.quant);
    const { packedBytes } = await savePackedModel(options.out, packed, manifest, options.engine, { source: path.resolve(options.model), postTraining: model.config.quant === undefined });
    const floatBytes = await weightFileBytes(options.model, manifest.weightsManifest);
    const entropyBits = Object.fromEntries([...packed.kernels].map(([name, k]) => [name, levelOccupancy(k.codes, k.bits).entropyBits]));
    return { out: options.out, quant: options.quant, engine: options.engine, floatBytes, packedBytes, entropyBits };
  } finally {
    model.dispose();
  }
}

async function weightFileBytes(dir: string, groups: Array<{ paths: string[] }>): Promise<number> {
  let total = 0;
  for (const group of groups) for (const p of group.paths) total += (await stat(path.join(dir, p))).size;
  return total;
}
