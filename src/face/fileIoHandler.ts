import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { tf } from '../backend/tf.ts';

type ModelArtifacts = tf.io.ModelArtifacts;
type IOHandler = tf.io.IOHandler;
type WeightsManifestEntry = tf.io.WeightsManifestEntry;
type WeightsManifestConfig = tf.io.WeightsManifestConfig;

/** Bytes per stored value, by dtype and by quantization dtype (tfjs graph-model weight format). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/**
 * A tf.io.IOHandler that loads a tfjs graph/layers model (model.json + its weight shards) from local
 * disk. tf.io's file:// loader exists only in tfjs-node, which cannot install here
 * (docs/face.md "Choices"), and nothing may be downloaded at run time.
 * `edit` may rewrite the artifacts before tfjs sees them (used to join BlazeFace's outputs).
 */
export function fileIoHandler(modelJsonPath: string, edit?: (artifacts: ModelArtifacts) => ModelArtifacts): IOHandler & { load(): Promise<ModelArtifacts> } {
  return {
    async load() {
      const artifacts = await readArtifacts(modelJsonPath);
      return edit ? edit(artifacts) : artifacts;
    },
  };
}

async function readArtifacts(modelJsonPath: string): Promise<ModelArtifacts> {
  const json = parseModelJson(modelJsonPath, await readOrThrow(modelJsonPath, 'model file'));
  const dir = path.dirname(modelJsonPath);
  const manifest = json.weightsManifest as WeightsManifestConfig;
  const weightSpecs = manifest.flatMap((group) => group.weights);
  const shards: Buffer[] = [];
  for (const group of manifest) {
    for (const shard of group.paths) shards.push(await readOrThrow(path.join(dir, shard), `weights of ${modelJsonPath}`));
  }
  const data = Buffer.concat(shards);
  const expected = expectedBytes(weightSpecs);
  if (data.length !== expected) {
    throw new Error(`${modelJsonPath}: expected ${expected} bytes of weights from its manifest, but the shards hold ${data.length}`);
  }
  return {
    modelTopology: json.modelTopology as ModelArtifacts['modelTopology'],
    format: json.format as string | undefined,
    generatedBy: json.generatedBy as string | undefined,
    convertedBy: json.convertedBy as string | null | undefined,
    signature: json.signature as object | undefined,
    userDefinedMetadata: json.userDefinedMetadata as Record<string, object> | undefined,
    weightSpecs,
    // A fresh ArrayBuffer of exactly the weight bytes (a Buffer may be a view into a larger pool).
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.length),
  };
}

async function readOrThrow(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`cannot read ${what} ${file} (${code}); is the package that ships it installed?`);
  }
}

function parseModelJson(file: string, bytes: Buffer): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new Error(`${file}: expected a tfjs model.json, but it is not valid JSON (${(err as Error).message})`);
  }
  const obj = json as Record<string, unknown>;
  if (typeof obj !== 'object' || obj === null || typeof obj.modelTopology !== 'object' || !Array.isArray(obj.weightsManifest)) {
    throw new Error(`${file}: expected a tfjs model.json with "modelTopology" and a "weightsManifest" array, but got keys ${Object.keys(obj ?? {}).join(', ') || '(none)'}`);
  }
  return obj;
}

function expectedBytes(specs: WeightsManifestEntry[]): number {
  let total = 0;
  for (const spec of specs) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const size = BYTES[dtype];
    if (size === undefined || spec.dtype === 'string') {
      throw new Error(`weight ${spec.name}: expected a numeric dtype, but got ${dtype}`);
    }
    total += spec.shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}
