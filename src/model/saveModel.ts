import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writePackedGenerator } from '../quant/packed.ts';
import type { GeneratorEngine, PackedGenerator } from '../quant/types.ts';
import { replaceDir, writeFileAtomic } from '../shared/files.ts';
import { MODEL_FORMAT_VERSION, MODEL_MANIFEST, MODEL_WEIGHTS } from './constants.ts';
import { inInferenceModel, weightsOf } from './variables.ts';
import { writeWeights } from './weightsIo.ts';
import type { Generator, ManifestFields, ModelManifest } from './types.ts';

/**
 * Writes an inference model directory (docs/model.md "Model directory"): manifest.json +
 * weights.bin (tfjs weights format) holding the generator only (encoder + decoder kernels, BN
 * parameters and moving statistics). The directory is built beside `dir` and renamed into place,
 * replacing an older one.
 * @returns the manifest written.
 */
export async function saveModel(dir: string, model: Generator, fields: ManifestFields = {}): Promise<ModelManifest> {
  return writeModelDir(dir, async (tmp) => {
    const weightsManifest = await writeWeights(tmp, MODEL_WEIGHTS, weightsOf(model, inInferenceModel));
    const manifest: ModelManifest = {
      formatVersion: MODEL_FORMAT_VERSION,
      kind: 'genegan-model',
      config: { ...model.config },
      attribute: null,
      recipe: null,
      iterations: 0,
      data: null,
      backend: null,
      quantization: qatFields(model),
      createdAt: new Date().toISOString(),
      ...fields,
      imageSize: model.config.imageSize,
      weightsManifest,
    };
    return manifest;
  });
}

/** A quantization-aware-trained model stores float master weights that run fake-quantized. */
function qatFields(model: Generator): ModelManifest['quantization'] {
  const q = model.config.quant;
  return q === undefined ? null : { method: q.method, wbits: q.wbits, abits: q.abits, floatFirstLast: q.floatFirstLast, packed: false, trainedWith: 'qat' };
}

/**
 * Writes a packed low-bit model directory: manifest.json in the model format (copied from the
 * float model's, with config.quant and quantization = {method, wbits, abits, floatFirstLast,
 * packed: true, engine, ...extra}, and an empty weightsManifest) plus packed.json + packed.bin.
 * Built beside `dir` and renamed into place. Returns the manifest and the packed byte count.
 */
export async function savePackedModel(
  dir: string,
  packed: PackedGenerator,
  source: ModelManifest,
  engine: GeneratorEngine,
  extra: Record<string, unknown> = {},
): Promise<{ manifest: ModelManifest; packedBytes: number }> {
  let packedBytes = 0;
  const manifest = await writeModelDir(dir, async (tmp) => {
    packedBytes = await writePackedGenerator(tmp, packed);
    return {
      ...source,
      formatVersion: MODEL_FORMAT_VERSION,
      config: { ...source.config, quant: { ...packed.quant } },
      quantization: { ...packed.quant, packed: true, engine, ...extra },
      createdAt: new Date().toISOString(),
      weightsManifest: [],
    };
  });
  return { manifest, packedBytes };
}

/** Builds a model directory beside `dir` (the weights, then manifest.json), then renames it into place. */
async function writeModelDir(dir: string, write: (tmp: string) => Promise<ModelManifest>): Promise<ModelManifest> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const manifest = await write(tmp);
  await writeFileAtomic(path.join(tmp, MODEL_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  await replaceDir(tmp, dir);
  return manifest;
}

/**
 * How a manifest names a directory it came from (training data, a source model): relative to the
 * working directory when inside it ("data/synth20k"), else just its name. Manifests are shipped
 * and served, and an absolute path would tell every reader where the training machine keeps its files.
 */
export function portablePath(dir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(dir));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.basename(path.resolve(dir));
}
