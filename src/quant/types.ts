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
