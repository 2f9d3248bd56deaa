/**
 * Numbers of GeneGAN's official layout (docs/model.md "Networks"). Channel counts are written
 * as multiples of the base width so that no width literal is repeated anywhere else.
 */

/** Image sides the layout supports; 128 adds one stage to every network. */
export const IMAGE_SIZES = [64, 128] as const;

/** Side of the latent grid at both sizes: 64 px takes 3 stride-2 stages, 128 px takes 4. */
export const LATENT_SIDE = 8;
/** Side of the critics' last feature map before the fully connected layer. */
export const CRITIC_FINAL_SIDE = 4;

/** Kernel side and stride of every conv / deconv ("4x4 s2", SAME padding). */
export const KERNEL_SIZE = 4;
export const STRIDE = 2;

/** Encoder stage widths as multiples of `width` (first stage has no BN). */
export const ENCODER_MULTIPLIERS: Record<64 | 128, readonly number[]> = { 64: [1, 2, 4], 128: [1, 2, 4, 4] };
/** Decoder hidden stage widths (the last deconv goes to RGB). Mirrors the encoder. */
export const DECODER_MULTIPLIERS: Record<64 | 128, readonly number[]> = { 64: [4, 2], 128: [4, 2, 1] };
/** Critic stage widths: conv stages down to 4x4, then a fully connected layer to one score. */
export const CRITIC_MULTIPLIERS: Record<64 | 128, readonly number[]> = { 64: [1, 2, 4, 4], 128: [1, 2, 4, 4, 4] };

export const RGB_CHANNELS = 3;

/** "All kernels N(0, 0.02)". */
export const INIT_STDDEV = 0.02;
/** LeakyReLU slope of the encoder and the critics. */
export const LEAKY_SLOPE = 0.2;

/**
 * Batch norm "default settings" of the official TensorFlow code (tf.layers.batch_normalization):
 * moving = 0.99 * moving + 0.01 * batch, epsilon 1e-3, with scale (gamma) and offset (beta).
 */
export const BN_MOMENTUM = 0.99;
export const BN_EPSILON = 1e-3;
/** Warm-up of the moving statistics' momentum: (1 + t) / (BN_WARMUP + t), as TF's ExponentialMovingAverage. */
export const BN_WARMUP = 10;

/** Spectral norm: epsilon for the power-iteration normalisation. */
export const SN_EPSILON = 1e-12;

/** The object part's share of latent channels (docs/model.md "Latent split": the last 25%). */
export const DEFAULT_OBJECT_RATIO = 0.25;

/** Model directory format (docs/model.md). */
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_MANIFEST = 'manifest.json';
export const MODEL_WEIGHTS = 'weights.bin';

/** Variable / packed-tensor suffix of a quantized input's activation range [lo, hi] (generator.ts). */
export const ACT_RANGE = 'act_range';
