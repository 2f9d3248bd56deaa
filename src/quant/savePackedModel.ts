import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_FORMAT_VERSION, MODEL_MANIFEST } from '../model/constants.ts';
import { replaceDir } from '../model/saveModel.ts';
import { writeFileAtomic } from '../model/writeFileAtomic.ts';
import type { ModelManifest } from '../model/types.ts';
import { writePackedGenerator } from './packed.ts';
import type { GeneratorEngine, PackedGenerator } from './types.ts';

/**
 * Writes a packed low-bit model directory: manifest.json in src/model's format (copied from the
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
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const packedBytes = await writePackedGenerator(tmp, packed);
  const manifest: ModelManifest = {
    ...source,
    formatVersion: MODEL_FORMAT_VERSION,
    config: { ...source.config, quant: { ...packed.quant } },
    quantization: { ...packed.quant, packed: true, engine, ...extra },
    createdAt: new Date().toISOString(),
    weightsManifest: [],
  };
  await writeFileAtomic(path.join(tmp, MODEL_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  await replaceDir(tmp, dir);
  return { manifest, packedBytes };
}
