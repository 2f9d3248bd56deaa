import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKED_DATA_FILE, PACKED_FORMAT_VERSION, PACKED_INDEX_FILE } from './constants.ts';
import { checkPackedIndex } from './checkPackedIndex.ts';
import { unpackBits } from './packBits.ts';
import type { PackedGenerator } from './types.ts';

/**
 * Reads a packed generator written by writePackedGenerator. Every problem — a missing or
 * unreadable file, corrupt JSON, a wrong format version, a bad field, a byte range outside
 * packed.bin or not matching the shape — is an Error naming the file and the field.
 */
export async function readPackedGenerator(dir: string): Promise<PackedGenerator> {
  const indexFile = path.join(dir, PACKED_INDEX_FILE);
  const dataFile = path.join(dir, PACKED_DATA_FILE);
  const text = await readOrThrow(indexFile);
  let raw: unknown;
  try {
    raw = JSON.parse(text.toString('utf8'));
  } catch (err) {
    throw new Error(`${indexFile}: expected JSON, but it does not parse (${(err as Error).message})`);
  }
  const data = await readOrThrow(dataFile);
  const index = checkPackedIndex(raw, indexFile, data.length, PACKED_FORMAT_VERSION);
  const packed: PackedGenerator = { quant: index.quantization, kernels: new Map(), floats: new Map() };
  for (const t of index.tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    const bytes = new Uint8Array(data.buffer, data.byteOffset + t.byteOffset, t.byteLength);
    if (t.kind === 'codes') {
      packed.kernels.set(t.name, { shape: t.shape, codes: unpackBits(bytes, t.bits, count), scale: t.scale, bits: t.bits });
    } else {
      packed.floats.set(t.name, { shape: t.shape, values: new Float32Array(Uint8Array.from(bytes).buffer) });
    }
  }
  return packed;
}

async function readOrThrow(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file}: expected a packed-generator file, but it does not exist` : `${file}: cannot read (${(err as Error).message})`);
  }
}
