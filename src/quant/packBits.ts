import { checkBits } from './checkBits.ts';

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
