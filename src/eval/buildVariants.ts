import path from 'node:path';
import { createGenegan } from '../model/createGenegan.ts';
import { loadModel } from '../model/loadModel.ts';
import type { Genegan, ModelManifest } from '../model/types.ts';
import type { QuantConfig, QuantMethod } from '../quant/types.ts';

/** One generator the evaluation scores: a model directory as trained, or a post-training quantized copy. */
export interface Variant {
  /** Row label in the report, e.g. "eyeglasses-compact64", "PTQ balanced 4-bit". */
  label: string;
  source: 'model' | 'ptq';
  modelDir: string;
  /** null for float models; the QAT settings of a quantization-aware trained model; the PTQ settings. */
  quantization: QuantConfig | null;
  model: Genegan;
  manifest: ModelManifest;
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
      variants.push({ label, source: 'model', modelDir: dir, quantization, model, manifest });
    }
  } catch (err) {
    variants.forEach((v) => v.model.dispose());
    throw err;
  }
  return variants;
}

/**
 * Post-training quantization of `base` (spec/quantization.md): a copy of the generator whose conv
 * kernels pass through src/quant's fakeQuantWeight(method, wbits) on every forward (the model's
 * config.quant hook, the same quantizers and layer rule as the packed low-bit files: first and last
 * layer float), activations float unless `abits` < 32. Weights are copied, not retrained.
 */
export function ptqVariant(base: Variant, spec: PtqSpec, abits: number): Variant {
  const quant: QuantConfig = { method: spec.method, wbits: spec.wbits, abits, floatFirstLast: true };
  const model = createGenegan({ ...base.model.config, quant }, { critics: false });
  const source = new Map(base.model.entries().map((e) => [e.name, e.variable]));
  for (const e of model.entries()) {
    const from = source.get(e.name);
    if (from === undefined) {
      model.dispose();
      throw new Error(`ptq: the base model has no variable "${e.name}"`);
    }
    e.variable.assign(from);
  }
  const suffix = abits < 32 ? ` A${abits}` : '';
  return { label: `PTQ ${spec.method} ${spec.wbits}-bit${suffix}`, source: 'ptq', modelDir: base.modelDir, quantization: quant, model, manifest: base.manifest };
}

function quantizationOf(manifest: ModelManifest): QuantConfig | null {
  const q = manifest.quantization as Partial<QuantConfig> | null;
  if (!q || q.method === undefined || q.wbits === undefined) return null;
  return { method: q.method, wbits: q.wbits, abits: q.abits ?? 32, floatFirstLast: q.floatFirstLast ?? true };
}
