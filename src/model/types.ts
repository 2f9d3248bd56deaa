import type { Tensor4D, Tensor2D, Variable } from '../backend/tf.ts';
import type { QuantConfig } from '../quant/types.ts';

/**
 * GeneGAN's networks (spec/genegan.md "Networks"). Contract fixed up-front so the engine, model,
 * quantization and service work can proceed in parallel. All images are NHWC float32 in [0, 1].
 */
export interface GeneganConfig {
  /** Square image side: 64 (3 stages to 8x8) or 128 (one more stage). */
  imageSize: 64 | 128;
  /** Base channel count; the paper's is 128. Every layer width is a multiple of it. */
  width: number;
  /** Share of latent channels that form the object part u (the last channels); 0.25. */
  objectRatio: number;
  /** Fake-quantize the generator (encoder + decoder); critics stay float. */
  quant?: QuantConfig;
}

/** The latent of one batch, split into background and object parts (NHWC). */
export interface Latent {
  background: Tensor4D;
  object: Tensor4D;
}

export interface Genegan {
  readonly config: GeneganConfig;
  /** Au or B0 [N,S,S,3] in [0,1] -> latent [N,S/8,S/8,4w] split into background / object. */
  encode(images: Tensor4D, training: boolean): Latent;
  /** Latent parts -> images [N,S,S,3] in [0,1]. */
  decode(background: Tensor4D, object: Tensor4D, training: boolean): Tensor4D;
  /** Critic for the "with" (u) or "without" (0) set: images -> scores [N,1], no sigmoid. */
  critic(side: 'u' | '0', images: Tensor4D, training: boolean): Tensor2D;
  /** Trainable variables of encoder + decoder. */
  generatorVariables(): Variable[];
  /** Trainable variables of both critics. */
  criticVariables(): Variable[];
  dispose(): void;
}
