import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PACKED_DATA_FILE, PACKED_FORMAT_VERSION, PACKED_INDEX_FILE } from './constants.ts';
import { packBits } from './packBits.ts';
import { writeFileAtomic } from '../model/writeFileAtomic.ts';
import type { PackedGenerator } from './types.ts';
import type { PackedIndex, PackedIndexEntry } from './packedIndex.ts';

/** Byte alignment of every tensor in packed.bin, so float32 tensors can be viewed in place. */
const ALIGN = 4;

/**
 * Writes a packed generator into `dir`: packed.bin holds each quantized kernel's codes bit-packed
 * (k bits per weight, packBits) and each float tensor as little-endian float32; packed.json indexes
 * them (name, shape, kind, bits, scale, byteOffset, byteLength) and records the QuantConfig.
 * Both files are written to temporary names and renamed, so a reader never sees half a file.
 * Returns the total bytes written (data + index).
 */
export async function writePackedGenerator(dir: string, packed: PackedGenerator): Promise<number> {
  const chunks: Uint8Array[] = [];
  const tensors: PackedIndexEntry[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array, entry: EntryFields) => {
    tensors.push({ ...entry, byteOffset: offset, byteLength: bytes.length } as PackedIndexEntry);
    const padded = Math.ceil(bytes.length / ALIGN) * ALIGN;
    chunks.push(bytes, new Uint8Array(padded - bytes.length));
    offset += padded;
  };
  for (const [name, k] of packed.kernels) push(packBits(k.codes, k.bits), { name, shape: k.shape, kind: 'codes', bits: k.bits, scale: k.scale });
  for (const [name, f] of packed.floats) push(new Uint8Array(f.values.buffer, f.values.byteOffset, f.values.byteLength), { name, shape: f.shape, kind: 'float32' });
  const index: PackedIndex = { formatVersion: PACKED_FORMAT_VERSION, quantization: packed.quant, levels: LEVELS_NOTE, tensors };
  const json = JSON.stringify(index, null, 1);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, PACKED_DATA_FILE), Buffer.concat(chunks));
  await writeFileAtomic(path.join(dir, PACKED_INDEX_FILE), json);
  return offset + Buffer.byteLength(json);
}

type EntryFields =
  | { name: string; shape: number[]; kind: 'codes'; bits: number; scale: number }
  | { name: string; shape: number[]; kind: 'float32' };

/** Human-readable reminder of the decoding rule, stored in every index. */
const LEVELS_NOTE = 'w = scale * (2c - (2^k - 1)) / (2^k - 1); codes k bits each, LSB first';
