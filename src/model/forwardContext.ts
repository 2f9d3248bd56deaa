import type { StateRecorder } from './types.ts';

/** What every layer's forward needs besides its input: the mode and where to report running state. */
export interface ForwardContext {
  /** Training: BN uses batch statistics and spectral norm runs a power-iteration step. */
  training: boolean;
  recorder: StateRecorder | null;
  /**
   * With training: the layer's weights act as a fixed function: no gradient reaches them (the input
   * still gets one) and no running state is recorded. Used when the encoder reads the generator's
   * own fakes (train/losses.ts cycleTerms).
   */
  frozen?: boolean;
}
