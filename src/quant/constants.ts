/** Bit widths the library supports per tensor (spec/quantization.md: k = 1..8). */
export const MIN_BITS = 1;
export const MAX_BITS = 8;

/**
 * bit-rnn's mean-based scale: s = 2.5 * mean|x| (spec "Recurrent networks"); for Gaussian
 * values s is about 2 sigma, so the 2-bit thresholds land near the quartiles.
 */
export const MEAN_SCALE_FACTOR = 2.5;

/** All weight quantizers of the library, by name (the three QuantMethods plus bit-rnn's). */
export const WEIGHT_QUANTIZERS = ['balanced', 'balanced-exact', 'uniform', 'mean-scaled'] as const;

/** Methods a model may be quantized with (the QuantMethod contract). */
export const QUANT_METHODS = ['balanced', 'balanced-exact', 'uniform'] as const;

/** abits value meaning "float activations" (QuantConfig contract). */
export const FLOAT_ACTIVATION_BITS = 32;

/** Files of a packed low-bit generator inside a model directory (see writePackedGenerator). */
export const PACKED_INDEX_FILE = 'packed.json';
export const PACKED_DATA_FILE = 'packed.bin';
export const PACKED_FORMAT_VERSION = 1;

/**
 * Engine a packed generator runs on unless the manifest or GENEGAN_QUANT_ENGINE says otherwise:
 * the faster one in bench/quant.bench.ts (docs/quantization.md, "Speed").
 */
export const DEFAULT_ENGINE = 'lowbit' as const;
/** Environment variable that forces the packed generator's engine: float|lowbit. */
export const ENGINE_ENV = 'GENEGAN_QUANT_ENGINE';
export const ENGINES = ['float', 'lowbit'] as const;

/**
 * Calibration images per set that batch-norm recalibration pushes through the generator at once.
 * Larger calibration sets go in chunks of this size and their moments are averaged, so memory stays
 * bounded (1024 images per set in one pass exceeded the wasm heap). At the bundled models' 256 a
 * single chunk: the published numbers were made that way.
 */
export const CALIBRATION_CHUNK = 256;
