import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { MODEL_MANIFEST } from './constants.ts';
import { assignVariables } from './assignVariables.ts';
import { createGenegan } from './createGenegan.ts';
import { inInferenceModel } from './inInferenceModel.ts';
import { readManifest } from './readManifest.ts';
import { readWeights } from './weightsIo.ts';
import type { Genegan, ModelManifest } from './types.ts';

/** The quantization module's loader of packed low-bit models (relative to this file). */
const PACKED_LOADER = '../quant/loadPackedModel.ts';

export interface LoadedModel {
  model: Genegan;
  manifest: ModelManifest;
}

/**
 * Loads an inference model directory (docs/model.md): manifest.json first (format version,
 * config), then the weights, checked name by name and shape by shape. Every failure is a clear
 * error naming the file (missing, corrupt JSON, wrong format version, wrong sizes or shapes).
 * The model has no critics; the caller disposes it.
 *
 * Quantized models: when manifest.quantization.packed is true, the weights are packed low-bit codes
 * and loading is delegated to src/quant/loadPackedModel.ts (`loadPackedModel(dir, manifest)`),
 * which the quantization module provides.
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const manifest = await readManifest(dir);
  if (manifest.quantization?.packed === true) return { model: await loadPacked(dir, manifest), manifest };
  const where = path.join(dir, MODEL_MANIFEST);
  const tensors = await readWeights(dir, manifest.weightsManifest, where).catch((err: Error) => {
    throw Object.assign(err, { userFacing: true });
  });
  const model = createGenegan(manifest.config, { critics: false });
  try {
    const known = new Set(model.entries().filter(inInferenceModel).map((e) => e.name));
    const extra = Object.keys(tensors).filter((n) => !known.has(n));
    if (extra.length > 0) throw new Error(`${where}: unexpected weights ${extra.slice(0, 3).map((n) => `"${n}"`).join(', ')} (not in a ${describe(manifest)} generator)`);
    assignVariables(model, tensors, where, inInferenceModel);
    return { model, manifest };
  } catch (err) {
    model.dispose();
    throw Object.assign(err as Error, { userFacing: true });
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

function describe(manifest: ModelManifest): string {
  return `width-${manifest.config.width} ${manifest.config.imageSize}px`;
}

/** The hook for packed low-bit weights (owned by src/quant). */
async function loadPacked(dir: string, manifest: ModelManifest): Promise<Genegan> {
  let mod: { loadPackedModel?: (dir: string, manifest: ModelManifest) => Promise<Genegan> };
  try {
    // A computed specifier: the quant module may be absent from a build; that is a clear error below.
    mod = await import(new URL(PACKED_LOADER, import.meta.url).href);
  } catch (err) {
    throw Object.assign(new Error(`${path.join(dir, MODEL_MANIFEST)}: quantization.packed is true, but this build cannot read packed weights (${(err as Error).message.split('\n')[0]})`), { userFacing: true });
  }
  if (typeof mod.loadPackedModel !== 'function') throw new Error('src/quant/loadPackedModel.ts does not export loadPackedModel(dir, manifest)');
  return mod.loadPackedModel(dir, manifest);
}
