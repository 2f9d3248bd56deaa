import { QUANT_METHODS, FLOAT_ACTIVATION_BITS, MAX_BITS, MIN_BITS } from './constants.ts';
import type { PackedIndex } from './packedIndex.ts';

/**
 * Validates a parsed packed.json against the data file size. Messages name the file and the field
 * path ("tensors[3].byteLength"), say what was expected and what was found.
 */
export function checkPackedIndex(raw: unknown, file: string, dataBytes: number, version: number): PackedIndex {
  const fail = (field: string, expected: string, got: unknown): never => {
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
