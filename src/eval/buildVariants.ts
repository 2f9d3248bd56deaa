import path from 'node:path';
import { stat } from 'node:fs/promises';
import { loadModel } from '../model/loadModel.ts';
import { calibrateBatchNorm } from '../model/calibrate.ts';
import { FLOAT_ACTIVATION_BITS } from '../quant/types.ts';
import { MAX_BITS } from '../quant/levels.ts';
import { loadCalibrationImages } from '../model/calibrate.ts';
import { packedModel } from '../model/packed.ts';
import { quantizeModel } from '../model/quantize.ts';
import { readGeneratorWeights } from '../model/quantize.ts';
import { resolveEngine } from '../model/loadModel.ts';
import type { Generator, ModelManifest } from '../model/types.ts';
import type { PackedGenerator, QuantConfig, QuantMethod } from '../quant/types.ts';

/** One generator the evaluation scores: a model directory as trained, or a post-training quantized copy. */
export interface Variant {
  /** Row label in the report, e.g. "eyeglasses-compact64", "PTQ balanced 4-bit". */
  label: string;
  /** A --model directory, a post-training quantized copy, or the float model with recalibrated BN. */
  source: 'model' | 'ptq' | 'recalibrated';
  modelDir: string;
  /** null for float models; the QAT settings of a quantization-aware trained model; the PTQ settings. */
  quantization: QuantConfig | null;
  model: Generator;
  manifest: ModelManifest;
  /** Bytes of the generator's weight files (packed codes for low-bit models). */
  weightBytes: number;
}

export interface PtqSpec {
  method: QuantMethod;
  wbits: number;
}

/** Loads every --model directory (float, QAT or packed low-bit) as a variant. */
export async function loadModelVariants(dirs: readonly string[]): Promise<Variant[]> {
  const variants: Variant[] = [];
  try {
    for (const dir of dirs) {
      const { model, manifest } = await loadModel(dir);
      const quantization = model.config.quant ?? quantizationOf(manifest);
      const label = path.basename(path.resolve(dir)) + (quantization ? ` (${quantization.method} ${quantization.wbits}-bit)` : '');
      variants.push({ label, source: 'model', modelDir: dir, quantization, model, manifest, weightBytes: await weightBytes(dir, manifest) });
    }
  } catch (err) {
    variants.forEach((v) => v.model.dispose());
    throw err;
  }
  return variants;
}

/** Batch-norm recalibration of the post-training variants (src/quant calibrateBatchNorm). */
export interface PtqCalibration {
  data: string;
  attribute: string;
  /** Training-split images per set; 0 = keep the float model's BN statistics. */
  count: number;
}

/**
 * Post-training quantization of the float model in `base.modelDir` with the quantization module's
 * own pipeline (quantizeModel in src/model/quantize.ts: per-tensor k-bit codes, first and last layer float, BN
 * statistics re-estimated on `calibration` images), written as a packed low-bit model directory
 * under `workDir` and loaded back through loadModel — so the scored generator is the one
 * `genegan quantize` would ship, running from its codes. Activations float unless `abits` < 32.
 */
export async function ptqVariant(base: Variant, spec: PtqSpec, abits: number, calibration: PtqCalibration, workDir: string): Promise<Variant> {
  const quant: QuantConfig = { method: spec.method, wbits: spec.wbits, abits, floatFirstLast: true };
  const suffix = abits < 32 ? ` A${abits}` : '';
  const label = `PTQ ${spec.method} ${spec.wbits}-bit${suffix}`;
  const out = path.join(workDir, label.replace(/[^a-z0-9]+/gi, '-'));
  const report = await quantizeModel({
    model: base.modelDir,
    out,
    quant,
    engine: resolveEngine(),
    calibration: calibration.count > 0 ? { data: calibration.data, attribute: calibration.attribute, count: calibration.count } : undefined,
  });
  const { model, manifest } = await loadModel(out);
  return { label, source: 'ptq', modelDir: base.modelDir, quantization: quant, model, manifest, weightBytes: report.packedBytes };
}

/**
 * The fair float baseline of the recalibrated post-training rows: the float generator (no kernel
 * quantized) with the same batch-norm recalibration (src/quant calibrateBatchNorm on the same
 * images). On a model whose BN moving statistics lag its weights (short runs), recalibration alone
 * changes the outputs; this row separates that from what quantization costs.
 */
export async function recalibratedFloatVariant(base: Variant, calibration: PtqCalibration): Promise<Variant> {
  const config = base.model.config;
  const asFloat: PackedGenerator = {
    quant: { method: 'balanced', wbits: MAX_BITS, abits: FLOAT_ACTIVATION_BITS, floatFirstLast: true },
    kernels: new Map(),
    floats: readGeneratorWeights(base.model),
  };
  const { au, b0 } = await loadCalibrationImages({ data: calibration.data, attribute: calibration.attribute, count: calibration.count }, config.imageSize);
  let packed: PackedGenerator;
  try {
    packed = calibrateBatchNorm(asFloat, config, au, b0);
  } finally {
    au.dispose();
    b0.dispose();
  }
  const label = 'float + BN recalibration';
  const model = packedModel(packed, config, resolveEngine(), label);
  return { label, source: 'recalibrated', modelDir: base.modelDir, quantization: null, model, manifest: base.manifest, weightBytes: base.weightBytes };
}

function quantizationOf(manifest: ModelManifest): QuantConfig | null {
  const q = manifest.quantization as Partial<QuantConfig> | null;
  if (!q || q.method === undefined || q.wbits === undefined) return null;
  return { method: q.method, wbits: q.wbits, abits: q.abits ?? 32, floatFirstLast: q.floatFirstLast ?? true };
}

/** Size of a model directory's weight files: the float weights, or packed.json + packed.bin. */
async function weightBytes(dir: string, manifest: ModelManifest): Promise<number> {
  const files = manifest.quantization?.packed === true ? ['packed.json', 'packed.bin'] : manifest.weightsManifest.flatMap((g) => g.paths);
  let total = 0;
  for (const f of files) total += (await stat(path.join(dir, f)).catch(() => ({ size: 0 }))).size;
  return total;
}
