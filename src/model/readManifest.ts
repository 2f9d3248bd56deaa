import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_FORMAT_VERSION, MODEL_MANIFEST } from './constants.ts';
import { validateConfig } from './validateConfig.ts';
import type { ModelManifest } from './types.ts';

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
    if (code === 'ENOENT') throw userError(`${dir}: not a model directory (missing ${MODEL_MANIFEST})`);
    throw userError(`${file}: cannot read (${code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw userError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  return checkManifest(json, file);
}

function checkManifest(json: unknown, file: string): ModelManifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw userError(`${file}: expected a JSON object`);
  const m = json as Partial<ModelManifest>;
  if (m.kind !== 'genegan-model') throw userError(`${file}: kind: expected "genegan-model", but got ${JSON.stringify(m.kind)}`);
  if (m.formatVersion !== MODEL_FORMAT_VERSION) {
    throw userError(`${file}: formatVersion: expected ${MODEL_FORMAT_VERSION}, but got ${JSON.stringify(m.formatVersion)} (written by another genegan version?)`);
  }
  if (typeof m.config !== 'object' || m.config === null) throw userError(`${file}: config: expected an object, but got ${JSON.stringify(m.config)}`);
  let config;
  try {
    config = validateConfig(m.config, file);
  } catch (err) {
    throw userError((err as Error).message);
  }
  if (m.imageSize !== config.imageSize) {
    throw userError(`${file}: imageSize: expected ${config.imageSize} (config.imageSize), but got ${JSON.stringify(m.imageSize)}`);
  }
  if (!Array.isArray(m.weightsManifest)) throw userError(`${file}: weightsManifest: expected an array, but got ${JSON.stringify(m.weightsManifest)}`);
  const q = m.quantization;
  if (q !== null && q !== undefined && (typeof q !== 'object' || Array.isArray(q))) {
    throw userError(`${file}: quantization: expected null or an object, but got ${JSON.stringify(q)}`);
  }
  return { ...m, config, quantization: q ?? null } as ModelManifest;
}

function userError(message: string): Error {
  return Object.assign(new Error(message), { userFacing: true });
}
