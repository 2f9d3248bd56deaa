import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packBits, unpackBits } from './packBits.ts';
import { mulberry32 } from './seededGaussian.ts';

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
