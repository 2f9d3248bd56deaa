import { dequantize } from './levels.ts';
import type { HostTensor, PackedGenerator } from './types.ts';

/**
 * Every generator weight as float32: quantized kernels dequantized onto their levels
 * (w = scale (2c - (2^k-1)) / (2^k-1)), floats as stored. These are exactly the values the
 * fake-quantized float path computes with.
 */
export function unpackGenerator(packed: PackedGenerator): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const [name, t] of packed.floats) out.set(name, { shape: [...t.shape], values: t.values });
  for (const [name, k] of packed.kernels) out.set(name, { shape: [...k.shape], values: dequantize(k) });
  return out;
}
