import type { QuantConfig } from './types.ts';

/** One tensor of packed.bin as packed.json records it. */
export type PackedIndexEntry =
  | { name: string; shape: number[]; kind: 'codes'; bits: number; scale: number; byteOffset: number; byteLength: number }
  | { name: string; shape: number[]; kind: 'float32'; byteOffset: number; byteLength: number };

/** packed.json: the index of a packed low-bit generator (see writePackedGenerator). */
export interface PackedIndex {
  formatVersion: number;
  quantization: QuantConfig;
  levels: string;
  tensors: PackedIndexEntry[];
}
