/** Quantization settings (spec/quantization.md). Contract fixed up-front for parallel work. */
export type QuantMethod = 'balanced' | 'balanced-exact' | 'uniform';

export interface QuantConfig {
  /** Weight bits, 1..8. */
  wbits: number;
  /** Activation bits, 1..8 (32 = float activations). */
  abits: number;
  method: QuantMethod;
  /** Keep the generator's first and last layer in float (the usual convention). */
  floatFirstLast: boolean;
}

/** Every per-tensor weight quantizer of src/quant: the QuantMethods plus bit-rnn's mean-scaled one. */
export type WeightQuantizer = QuantMethod | 'mean-scaled';

/**
 * A quantized weight tensor as integer level codes. Every quantizer of the library has 2^k evenly
 * spaced levels, so one formula reconstructs the values exactly (spec "Balanced quantization"
 * step 4): w = scale * (2c - (2^k - 1)) / (2^k - 1), c in 0..2^k-1.
 */
export interface WeightCodes {
  /** One code per element, row-major (the tensor's own element order). */
  codes: Uint8Array;
  /** Per-tensor scale: the largest level's magnitude. */
  scale: number;
  /** k, 1..8. */
  bits: number;
}

/** A quantized recurrent layer of spec/quantization.md "Recurrent networks" (bit-rnn). */
export interface RecurrentCellConfig {
  /** Features per time step, D. */
  inputSize: number;
  /** Hidden units, U. */
  units: number;
  /**
   * k for weights and activations (bit-rnn quantizes both with the same k), 1..8; null builds the
   * same cell in float (no quantizer anywhere), the baseline the quantized cell is compared with.
   */
  bits: number | null;
  /** Seed of the initial weights; default 0. */
  seed?: number;
}
