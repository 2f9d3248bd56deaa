import path from 'node:path';
import { readManifest } from '../../model/loadModel.ts';
import { FLOAT_ACTIVATION_BITS } from '../../quant/types.ts';
import type { ModelManifest } from '../../model/types.ts';
import type { ModelInfo } from './types.ts';
import { hidePaths } from '../security/hidePaths.ts';

/** Weight bits of a float generator in the listing. */
const FLOAT_WEIGHT_BITS = 32;
/** Manifest fields that summarise training (docs/model.md), shown as they are. */
const TRAINING_FIELDS = ['preset', 'recipe', 'iterations', 'batchSize', 'seed', 'data', 'finalLosses', 'itersPerSecond', 'pairsPerSecond'];

/**
 * A model directory's listing, from its manifest.json as checked by src/model's readManifest
 * (errors name the file and field). Weights are only read by loadModel inside the workers.
 */
export async function readModelInfo(dir: string, source: ModelInfo['source']): Promise<ModelInfo> {
  const m = await readManifest(dir);
  const q = m.quantization;
  return {
    id: path.basename(dir),
    dir,
    attribute: m.attribute,
    imageSize: m.imageSize,
    bits: q ? q.wbits : FLOAT_WEIGHT_BITS,
    activationBits: q ? q.abits : FLOAT_ACTIVATION_BITS,
    method: q ? q.method : 'float',
    packed: q?.packed === true,
    training: trainingSummary(m),
    backend: m.backend,
    source,
    createdAt: m.createdAt ?? null,
  };
}

function trainingSummary(m: ModelManifest): Record<string, unknown> {
  const summary: Record<string, unknown> = { width: m.config.width, objectRatio: m.config.objectRatio };
  // Manifests written before paths were stored relative may hold the training machine's absolute paths.
  for (const key of TRAINING_FIELDS) if (m[key] !== undefined && m[key] !== null) summary[key] = hidePaths(m[key]);
  return summary;
}
