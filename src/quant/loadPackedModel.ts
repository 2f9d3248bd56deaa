import path from 'node:path';
import { MODEL_MANIFEST } from '../model/constants.ts';
import type { ModelManifest } from '../model/types.ts';
import { packedGenegan, type PackedGenegan } from './packedGenegan.ts';
import { readPackedGenerator } from './packed.ts';
import { resolveEngine } from './resolveEngine.ts';

/**
 * src/model/loadModel's hook for manifest.quantization.packed: reads packed.json + packed.bin,
 * checks they agree with the manifest (method, wbits, abits), and returns a Genegan running the
 * generator from the codes on the engine chosen by resolveEngine (GENEGAN_QUANT_ENGINE, the
 * manifest's quantization.engine, or the default). Errors name the file and field.
 */
export async function loadPackedModel(dir: string, manifest: ModelManifest, engine?: string): Promise<PackedGenegan> {
  const where = path.join(dir, MODEL_MANIFEST);
  const packed = await readPackedGenerator(dir).catch((err: Error) => {
    throw Object.assign(err, { userFacing: true });
  });
  const mq: Record<string, unknown> = manifest.quantization ?? {};
  for (const field of ['method', 'wbits', 'abits', 'floatFirstLast'] as const) {
    if (mq[field] !== packed.quant[field]) {
      throw Object.assign(new Error(`${where}: quantization.${field}: expected ${JSON.stringify(packed.quant[field])} (as in packed.json), but got ${JSON.stringify(mq[field])}`), {
        userFacing: true,
      });
    }
  }
  try {
    return packedGenegan(packed, manifest.config, resolveEngine(engine, mq.engine), where);
  } catch (err) {
    throw Object.assign(err as Error, { userFacing: true });
  }
}
