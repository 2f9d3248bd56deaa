import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../backend/tf.ts';
import { UserError } from '../shared/errors.ts';
import { readPackedGenerator } from '../quant/packed.ts';
import { DEFAULT_ENGINE, ENGINE_ENV, ENGINES, type GeneratorEngine } from '../quant/types.ts';
import { MODEL_FORMAT_VERSION, MODEL_MANIFEST } from './constants.ts';
import { createGenegan } from './createGenegan.ts';
import { packedModel, type PackedModel } from './packed.ts';
import { validateConfig } from './validateConfig.ts';
import { assignVariables, inInferenceModel } from './variables.ts';
import { readWeights } from './weightsIo.ts';
import type { Generator, ModelManifest } from './types.ts';

export interface LoadedModel {
  model: Generator;
  manifest: ModelManifest;
}

/**
 * Loads an inference model directory (docs/model.md "Model directory"): manifest.json first
 * (format version, config), then the weights, checked name by name and shape by shape. Every
 * failure is a clear error naming the file (missing, corrupt JSON, wrong format version, wrong
 * sizes or shapes). A float or QAT model has no critics; when manifest.quantization.packed is
 * true the weights are packed low-bit codes (loadPackedModel). The caller disposes the model.
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const manifest = await readManifest(dir);
  if (manifest.quantization?.packed === true) return { model: await loadPackedModel(dir, manifest), manifest };
  const where = path.join(dir, MODEL_MANIFEST);
  const tensors = await readWeights(dir, manifest.weightsManifest, where).catch((err: unknown) => {
    throw modelError(err);
  });
  const model = createGenegan(manifest.config, { critics: false });
  try {
    const known = new Set(model.entries().filter(inInferenceModel).map((e) => e.name));
    const extra = Object.keys(tensors).filter((n) => !known.has(n));
    if (extra.length > 0) {
      const size = `width-${manifest.config.width} ${manifest.config.imageSize}px`;
      throw new Error(`${where}: unexpected weights ${extra.slice(0, 3).map((n) => `"${n}"`).join(', ')} (not in a ${size} generator)`);
    }
    assignVariables(model, tensors, where, inInferenceModel);
    return { model, manifest };
  } catch (err) {
    model.dispose();
    throw modelError(err);
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/**
 * A packed low-bit model directory: reads packed.json + packed.bin, checks they agree with the
 * manifest (method, wbits, abits, floatFirstLast), and returns a Generator running from the codes
 * on the engine chosen by resolveEngine. Errors name the file and field.
 */
export async function loadPackedModel(dir: string, manifest: ModelManifest, engine?: string): Promise<PackedModel> {
  const where = path.join(dir, MODEL_MANIFEST);
  const packed = await readPackedGenerator(dir).catch((err: unknown) => {
    throw modelError(err);
  });
  const mq: Record<string, unknown> = manifest.quantization ?? {};
  for (const field of ['method', 'wbits', 'abits', 'floatFirstLast'] as const) {
    if (mq[field] !== packed.quant[field]) {
      throw modelError(`${where}: quantization.${field}: expected ${JSON.stringify(packed.quant[field])} (as in packed.json), but got ${JSON.stringify(mq[field])}`);
    }
  }
  try {
    return packedModel(packed, manifest.config, resolveEngine(engine, mq.engine), where);
  } catch (err) {
    throw modelError(err);
  }
}

/**
 * The engine for a packed generator: an explicit choice, else GENEGAN_QUANT_ENGINE, else the
 * manifest's, else DEFAULT_ENGINE. Unknown names are a clear error naming where they came from.
 */
export function resolveEngine(explicit?: string, fromManifest?: unknown): GeneratorEngine {
  const candidates: Array<[unknown, string]> = [
    [explicit, 'engine'],
    [process.env[ENGINE_ENV] || undefined, ENGINE_ENV],
    [fromManifest, 'manifest quantization.engine'],
  ];
  for (const [value, where] of candidates) {
    if (value === undefined || value === null) continue;
    if (!(ENGINES as readonly unknown[]).includes(value)) throw new UserError('bad_engine', `${where}: expected one of ${ENGINES.join('|')}, but got ${JSON.stringify(value)}`);
    return value as GeneratorEngine;
  }
  return DEFAULT_ENGINE;
}

/**
 * Reads and checks a model directory's manifest.json: present, valid JSON, kind and format
 * version, a valid config, a weights manifest. Errors name the file and the field.
 */
export async function readManifest(dir: string): Promise<ModelManifest> {
  const file = path.join(dir, MODEL_MANIFEST);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw modelError(`${dir}: not a model directory (missing ${MODEL_MANIFEST})`);
    throw modelError(`${file}: cannot read (${code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw modelError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  return checkManifest(json, file);
}

function checkManifest(json: unknown, file: string): ModelManifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw modelError(`${file}: expected a JSON object`);
  const m = json as Partial<ModelManifest>;
  if (m.kind !== 'genegan-model') throw modelError(`${file}: kind: expected "genegan-model", but got ${JSON.stringify(m.kind)}`);
  if (m.formatVersion !== MODEL_FORMAT_VERSION) {
    throw modelError(`${file}: formatVersion: expected ${MODEL_FORMAT_VERSION}, but got ${JSON.stringify(m.formatVersion)} (written by another genegan version?)`);
  }
  if (typeof m.config !== 'object' || m.config === null) throw modelError(`${file}: config: expected an object, but got ${JSON.stringify(m.config)}`);
  let config;
  try {
    config = validateConfig(m.config, file);
  } catch (err) {
    throw modelError(err);
  }
  if (m.imageSize !== config.imageSize) {
    throw modelError(`${file}: imageSize: expected ${config.imageSize} (config.imageSize), but got ${JSON.stringify(m.imageSize)}`);
  }
  if (!Array.isArray(m.weightsManifest)) throw modelError(`${file}: weightsManifest: expected an array, but got ${JSON.stringify(m.weightsManifest)}`);
  const q = m.quantization;
  if (q !== null && q !== undefined && (typeof q !== 'object' || Array.isArray(q))) {
    throw modelError(`${file}: quantization: expected null or an object, but got ${JSON.stringify(q)}`);
  }
  return { ...m, config, quantization: q ?? null } as ModelManifest;
}

/** A model folder that does not load: a UserError 'bad_model' with the message (or the cause's). */
function modelError(messageOrCause: unknown): UserError {
  if (messageOrCause instanceof UserError) return messageOrCause;
  if (typeof messageOrCause === 'string') return new UserError('bad_model', messageOrCause);
  const message = messageOrCause instanceof Error ? messageOrCause.message : String(messageOrCause);
  return new UserError('bad_model', message, { cause: messageOrCause });
}
