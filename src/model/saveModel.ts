import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_FORMAT_VERSION, MODEL_MANIFEST, MODEL_WEIGHTS } from './constants.ts';
import { inInferenceModel } from './inInferenceModel.ts';
import { weightsOf } from './weightsOf.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';
import { writeWeights } from './weightsIo.ts';
import type { Genegan, ManifestFields, ModelManifest } from './types.ts';

/**
 * Writes an inference model directory: manifest.json + weights.bin (tfjs weights format) holding
 * the generator only (encoder + decoder kernels, BN parameters and moving statistics).
 * The directory is built beside `dir` and renamed into place, replacing an older one.
 * @returns the manifest written.
 */
export async function saveModel(dir: string, model: Genegan, fields: ManifestFields = {}): Promise<ModelManifest> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
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
  await writeFileAtomic(path.join(tmp, MODEL_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  await replaceDir(tmp, dir);
  return manifest;
}

/** A quantization-aware-trained model stores float master weights that run fake-quantized. */
function qatFields(model: Genegan): ModelManifest['quantization'] {
  const q = model.config.quant;
  return q === undefined ? null : { method: q.method, wbits: q.wbits, abits: q.abits, floatFirstLast: q.floatFirstLast, packed: false, trainedWith: 'qat' };
}

/** Moves `from` to `to`, replacing an existing `to` (old one renamed aside first, then removed). */
export async function replaceDir(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(to)), { recursive: true });
  const old = `${to}.old-${process.pid}`;
  let hadOld = true;
  try {
    await rename(to, old);
  } catch {
    hadOld = false;
  }
  await rename(from, to);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
