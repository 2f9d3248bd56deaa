/**
 * The types and named constants of src/quant (docs/quantization.md): quantization settings, level
 * codes, the packed generator in memory, the recurrent cells' configuration.
 */

/**
 * Methods a model may be quantized with (docs/quantization.md "Balanced quantizer", "Equalisation"
 * and "Uniform quantizer (DoReFa)").
 */
export type QuantMethod = 'balanced' | 'balanced-exact' | 'uniform';
export const QUANT_METHODS = ['balanced', 'balanced-exact', 'uniform'] as const satisfies readonly QuantMethod[];

/** abits value meaning "float activations" (QuantConfig.abits). */
export const FLOAT_ACTIVATION_BITS = 32;

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
export const WEIGHT_QUANTIZERS = ['balanced', 'balanced-exact', 'uniform', 'mean-scaled'] as const satisfies readonly WeightQuantizer[];

/**
 * A quantized weight tensor as integer level codes. Every quantizer of the library has 2^k evenly
 * spaced levels, so one formula reconstructs the values exactly (balanced quantization,
 * Zhou et al. 2017, step 4): w = scale * (2c - (2^k - 1)) / (2^k - 1), c in 0..2^k-1.
 */
export interface WeightCodes {
  /** One code per element, row-major (the tensor's own element order). */
  codes: Uint8Array;
  /** Per-tensor scale: the largest level's magnitude. */
  scale: number;
  /** k, 1..8. */
  bits: number;
}

/** A quantized recurrent layer (bit-rnn, He et al. 2016; docs/quantization.md, "Quantized recurrent cells"). */
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

/** A named float tensor in host memory, row-major. */
export interface HostTensor {
  shape: number[];
  values: Float32Array;
}

/** A named quantized tensor: level codes (+ scale, bits) and its shape. */
export interface PackedTensor extends WeightCodes {
  shape: number[];
}

/**
 * A generator after post-training quantization or QAT: quantized kernels as codes, everything
 * else (BN parameters and moving statistics, biases, float first/last kernels) as float32.
 */
export interface PackedGenerator {
  quant: QuantConfig;
  kernels: Map<string, PackedTensor>;
  floats: Map<string, HostTensor>;
}

/**
 * How a packed generator computes:
 * - 'float': the fake-quantized float path — dequantized kernels, fakeQuantActivation inputs,
 *   tfjs conv2d / conv2dTranspose and batchNorm, exactly like src/model's QAT forward.
 * - 'lowbit': layers compute on integer codes — activation codes round((2^a-1) clip(x,0,1)) times
 *   integer weight codes (2c - (2^k-1)), exact in float32 below 2^24 — then one per-channel scale
 *   that folds the weight scale, activation scale and batch norm.
 */
export type GeneratorEngine = 'float' | 'lowbit';

/**
 * Engine a packed generator runs on unless the manifest or GENEGAN_QUANT_ENGINE says otherwise:
 * the faster one in bench/quant.bench.ts (docs/quantization.md, "Speed").
 */
export const DEFAULT_ENGINE = 'lowbit' as const;
/** Environment variable that forces the packed generator's engine: float|lowbit. */
export const ENGINE_ENV = 'GENEGAN_QUANT_ENGINE';
export const ENGINES = ['float', 'lowbit'] as const satisfies readonly GeneratorEngine[];
