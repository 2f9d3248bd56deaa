import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mulberry32, seededGaussian } from '../shared/random.ts';
import { weightCodes } from './fakeQuant.ts';
import { PACKED_DATA_FILE, PACKED_INDEX_FILE, packBits, readPackedGenerator, unpackBits, writePackedGenerator } from './packed.ts';
import type { HostTensor, PackedGenerator, QuantConfig } from './types.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'genegan-packed-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('4-bit codes pack two per byte, low nibble first', () => {
  assert.deepEqual([...packBits(Uint8Array.from([1, 2, 15, 0, 7]), 4)], [0x21, 0x0f, 0x07]);
  assert.deepEqual([...packBits(Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 0, 1]), 1)], [0x0d, 0x01]);
  // 3-bit codes 5, 3, 7: bits 101 | 011<<3 | 111<<6 = 0b1_1101_1101 -> bytes 0xdd, 0x01
  assert.deepEqual([...packBits(Uint8Array.from([5, 3, 7]), 3)], [0xdd, 0x01]);
});

test('round trip is exact for every k = 1..8 and odd lengths', () => {
  const next = mulberry32(9);
  for (let bits = 1; bits <= 8; bits++) {
    for (const n of [0, 1, 7, 1001]) {
      const codes = Uint8Array.from({ length: n }, () => Math.floor(next() * 2 ** bits));
      const packed = packBits(codes, bits);
      assert.equal(packed.length, Math.ceil((n * bits) / 8));
      assert.deepEqual(unpackBits(packed, bits, n), codes, `k=${bits} n=${n}`);
    }
  }
});

test('clear errors for out-of-range codes and short streams', () => {
  assert.throws(() => packBits(Uint8Array.from([0, 4]), 2), /expected codes below 4, but got 4 at element 1/);
  assert.throws(() => unpackBits(new Uint8Array(1), 4, 3), /expected at least 2 bytes for 3 4-bit codes, but got 1/);
});

/**
 * A small hand-made packed generator: three kernels and a BN vector; the first kernel stays float
 * with floatFirstLast (as in quantizeGenerator), otherwise it is the first quantized tensor.
 */
function smallGenerator(quant: QuantConfig): PackedGenerator {
  const kernel = (shape: number[], seed: number) => ({ ...weightCodes(seededGaussian(shape.reduce((a, b) => a * b), seed, 0.02), quant.method, quant.wbits), shape });
  const first = { name: 'encoder/conv1/kernel', shape: [4, 4, 3, 3], values: seededGaussian(144, 3, 0.02) };
  const kernels = new Map([['encoder/conv2/kernel', kernel([4, 4, 3, 5], 1)], ['decoder/deconv1/kernel', kernel([4, 4, 2, 5], 2)]]);
  const floats = new Map<string, HostTensor>([['encoder/conv2/bn/gamma', { shape: [5], values: Float32Array.from([1, 0.5, 2, 1.5, 1]) }]]);
  if (quant.floatFirstLast) floats.set(first.name, { shape: first.shape, values: first.values });
  else kernels.set(first.name, { ...weightCodes(first.values, quant.method, quant.wbits), shape: first.shape });
  const ordered = new Map([...kernels].sort(([a], [b]) => (a === first.name ? -1 : b === first.name ? 1 : 0)));
  return { quant, kernels: ordered, floats };
}

test('write then read gives back the same generator, byte for byte, and reports its size', async () => {
  const quant: QuantConfig = { method: 'balanced', wbits: 3, abits: 4, floatFirstLast: true };
  const packed = smallGenerator(quant);
  const total = await writePackedGenerator(path.join(dir, 'rt'), packed);
  const onDisk = (await stat(path.join(dir, 'rt', PACKED_DATA_FILE))).size + (await stat(path.join(dir, 'rt', PACKED_INDEX_FILE))).size;
  assert.equal(total, onDisk);
  const back = await readPackedGenerator(path.join(dir, 'rt'));
  assert.deepEqual(back.quant, quant);
  assert.deepEqual([...back.kernels.keys()].sort(), [...packed.kernels.keys()].sort());
  for (const [name, k] of packed.kernels) assert.deepEqual(back.kernels.get(name), k, name);
  for (const [name, f] of packed.floats) assert.deepEqual(back.floats.get(name), f, name);
});

test('corrupt packed files give clear errors naming the file and field', async () => {
  const sub = path.join(dir, 'bad');
  await writePackedGenerator(sub, smallGenerator({ method: 'uniform', wbits: 2, abits: 32, floatFirstLast: false }));
  const indexFile = path.join(sub, PACKED_INDEX_FILE);
  const good = await readFile(indexFile, 'utf8');
  await assert.rejects(readPackedGenerator(path.join(dir, 'missing')), /packed\.json: expected a packed-generator file, but it does not exist/);
  await writeFile(indexFile, good.slice(0, 40));
  await assert.rejects(readPackedGenerator(sub), /packed\.json: expected JSON, but it does not parse/);
  const index = JSON.parse(good);
  await writeFile(indexFile, JSON.stringify({ ...index, formatVersion: 9 }));
  await assert.rejects(readPackedGenerator(sub), /formatVersion: expected 1, but got 9/);
  index.tensors[0].byteLength += 1;
  await writeFile(indexFile, JSON.stringify(index));
  await assert.rejects(readPackedGenerator(sub), /tensors\[0\]\.byteLength: expected \d+ for "encoder\/conv1\/kernel"/);
  index.tensors[0].byteLength -= 1;
  index.tensors[0].byteOffset = 1e9;
  await writeFile(indexFile, JSON.stringify(index));
  await assert.rejects(readPackedGenerator(sub), /tensors\[0\]\.byteOffset: expected a range inside the \d+-byte data file/);
});
