/**
 * The packed low-bit generator files (docs/quantization.md, "Packed model files"): packed.bin holds
 * each quantized kernel's level codes bit-packed (k bits per weight, LSB first) and each float
 * tensor as little-endian float32, every tensor 4-byte aligned; packed.json indexes them (name,
 * shape, kind, bits, scale, byteOffset, byteLength) and records the QuantConfig. This file owns the
 * whole format: bit packing, the index schema and its check, writing and reading.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../shared/files.ts';
import { checkBits, MAX_BITS, MIN_BITS } from './levels.ts';
import { FLOAT_ACTIVATION_BITS, QUANT_METHODS, type PackedGenerator, type QuantConfig } from './types.ts';

/** Files of a packed low-bit generator inside a model directory. */
export const PACKED_INDEX_FILE = 'packed.json';
export const PACKED_DATA_FILE = 'packed.bin';
export const PACKED_FORMAT_VERSION = 1;

/** Byte alignment of every tensor in packed.bin, so float32 tensors can be viewed in place. */
const ALIGN = 4;

/** Human-readable reminder of the decoding rule, stored in every index. */
const LEVELS_NOTE = 'w = scale * (2c - (2^k - 1)) / (2^k - 1); codes k bits each, LSB first';

/** One tensor of packed.bin as packed.json records it. */
export type PackedIndexEntry =
  | { name: string; shape: number[]; kind: 'codes'; bits: number; scale: number; byteOffset: number; byteLength: number }
  | { name: string; shape: number[]; kind: 'float32'; byteOffset: number; byteLength: number };

/** packed.json: the index of a packed low-bit generator. */
export interface PackedIndex {
  formatVersion: number;
  quantization: QuantConfig;
  levels: string;
  tensors: PackedIndexEntry[];
}

/**
 * Packs k-bit level codes into a little-endian bit stream: code i occupies bits
 * [i*k, (i+1)*k) counted from bit 0 of byte 0, least significant bit first (so 4-bit codes put
 * code 2j in the low nibble of byte j). Length ceil(n k / 8) bytes; unused high bits of the last
 * byte are 0. Codes must be < 2^k.
 */
export function packBits(codes: Uint8Array, bits: number): Uint8Array {
  checkBits(bits, 'packBits bits');
  const out = new Uint8Array(Math.ceil((codes.length * bits) / 8));
  const limit = 2 ** bits;
  let acc = 0;
  let filled = 0;
  let pos = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= limit) throw new RangeError(`packBits: expected codes below ${limit}, but got ${c} at element ${i}`);
    acc |= c << filled;
    filled += bits;
    while (filled >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      filled -= 8;
    }
  }
  if (filled > 0) out[pos] = acc & 0xff;
  return out;
}

/** Inverse of packBits: `count` k-bit codes from the stream (which must hold ceil(count k / 8) bytes). */
export function unpackBits(bytes: Uint8Array, bits: number, count: number): Uint8Array {
  checkBits(bits, 'unpackBits bits');
  const need = Math.ceil((count * bits) / 8);
  if (bytes.length < need) {
    throw new RangeError(`unpackBits: expected at least ${need} bytes for ${count} ${bits}-bit codes, but got ${bytes.length}`);
  }
  const out = new Uint8Array(count);
  const mask = 2 ** bits - 1;
  let acc = 0;
  let filled = 0;
  let pos = 0;
  for (let i = 0; i < count; i++) {
    while (filled < bits) {
      acc |= bytes[pos++] << filled;
      filled += 8;
    }
    out[i] = acc & mask;
    acc >>>= bits;
    filled -= bits;
  }
  return out;
}

/**
 * Writes a packed generator into `dir` (packed.bin + packed.json). Both files are written to
 * temporary names and renamed, so a reader never sees half a file. Returns the total bytes
 * written (data + index).
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

/**
 * Validates a parsed packed.json against the data file size. Messages name the file and the field
 * path ("tensors[3].byteLength"), say what was expected and what was found.
 */
export function checkPackedIndex(raw: unknown, file: string, dataBytes: number, version: number): PackedIndex {
  const fail: Fail = (field, expected, got) => {
    throw new Error(`${file}: ${field}: expected ${expected}, but got ${JSON.stringify(got)}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('(top level)', 'an object', raw);
  const index = raw as Record<string, unknown>;
  if (index.formatVersion !== version) fail('formatVersion', String(version), index.formatVersion);
  const q = (index.quantization ?? {}) as Record<string, unknown>;
  if (!QUANT_METHODS.includes(q.method as never)) fail('quantization.method', QUANT_METHODS.join('|'), q.method);
  if (!isBits(q.wbits)) fail('quantization.wbits', `an integer ${MIN_BITS}..${MAX_BITS}`, q.wbits);
  if (!isBits(q.abits) && q.abits !== FLOAT_ACTIVATION_BITS) fail('quantization.abits', `${MIN_BITS}..${MAX_BITS} or ${FLOAT_ACTIVATION_BITS}`, q.abits);
  if (typeof q.floatFirstLast !== 'boolean') fail('quantization.floatFirstLast', 'a boolean', q.floatFirstLast);
  if (!Array.isArray(index.tensors)) fail('tensors', 'an array', index.tensors);
  (index.tensors as unknown[]).forEach((t, i) => checkEntry(t, `tensors[${i}]`, dataBytes, fail));
  return raw as PackedIndex;
}

type Fail = (field: string, expected: string, got: unknown) => never;

function checkEntry(raw: unknown, at: string, dataBytes: number, fail: Fail): void {
  const t = (raw ?? {}) as Record<string, unknown>;
  if (typeof t.name !== 'string' || t.name === '') fail(`${at}.name`, 'a tensor name', t.name);
  const shapeOk = Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && d > 0);
  if (!shapeOk) fail(`${at}.shape`, 'an array of positive integers', t.shape);
  const count = (t.shape as number[]).reduce((a, b) => a * b, 1);
  let want = 0;
  if (t.kind === 'codes') {
    if (!isBits(t.bits)) fail(`${at}.bits`, `an integer ${MIN_BITS}..${MAX_BITS}`, t.bits);
    if (typeof t.scale !== 'number' || !Number.isFinite(t.scale) || t.scale < 0) fail(`${at}.scale`, 'a finite number >= 0', t.scale);
    want = Math.ceil((count * (t.bits as number)) / 8);
  } else if (t.kind === 'float32') {
    want = count * 4;
  } else {
    fail(`${at}.kind`, '"codes" or "float32"', t.kind);
  }
  if (t.byteLength !== want) fail(`${at}.byteLength`, `${want} for "${t.name}" [${(t.shape as number[]).join(',')}]`, t.byteLength);
  const offset = t.byteOffset as number;
  if (!Number.isInteger(offset) || offset < 0 || offset + want > dataBytes) {
    fail(`${at}.byteOffset`, `a range inside the ${dataBytes}-byte data file`, t.byteOffset);
  }
}

function isBits(b: unknown): boolean {
  return Number.isInteger(b) && (b as number) >= MIN_BITS && (b as number) <= MAX_BITS;
}
