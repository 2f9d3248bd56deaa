import type { Tensor2D, Variable } from '../../backend/tf.ts';

/**
 * A small CNN that judges images for the evaluation (docs/eval.md "The judges"): the attribute classifier (one head,
 * labels ["without", "with"]) and the factors classifier (one head per ground-truth factor, e.g.
 * glasses type, colour and tint). Both are the same network with different heads.
 */
export interface HeadSpec {
  /** What the head predicts: an attribute name or a factors.csv column (e.g. "glasses_type"). */
  name: string;
  /** Class labels in output order. */
  labels: string[];
}

export interface ClassifierConfig {
  /** Square input side; images of other sizes are resized (bilinear) before the network. */
  inputSize: number;
  /** Channels of the first conv; the next stages use 2x and 4x (see constants.ts). */
  width: number;
  heads: HeadSpec[];
}

export interface ClassifierOutput {
  /** Penultimate features [N, 4w]: global average of the last conv stage (used by FD-classifier). */
  features: Tensor2D;
  /** Per head, logits [N, labels.length]. */
  logits: Record<string, Tensor2D>;
}

export interface Classifier {
  readonly config: ClassifierConfig;
  /** Named trainable variables, e.g. "conv1/kernel", "head/glasses_type/kernel". */
  readonly variables: Record<string, Variable>;
  dispose(): void;
}

/** What `genegan classifier train` stores in manifest.json next to the weights. */
export interface ClassifierManifest {
  formatVersion: number;
  kind: 'attribute' | 'factors';
  config: ClassifierConfig;
  /** The attribute the data was split by (e.g. "Eyeglasses"). */
  attribute: string;
  training: { steps: number; batchSize: number; learningRate: number; seed: number; seconds: number; data: string; backend: string };
  /** Held-out accuracy per head, on the split named in `heldOut.split`. */
  heldOut: { split: string; images: number; accuracy: Record<string, number> };
}
