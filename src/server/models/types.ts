/** What the service lists about one model (GET /v1/models), read from its manifest.json. */
export interface ModelInfo {
  /** Directory name; unique across the model roots. */
  id: string;
  /** Absolute path of the model directory (never sent to clients). */
  dir: string;
  /** Null when the manifest does not say (a model saved without training metadata). */
  attribute: string | null;
  imageSize: number;
  /** Weight bits of the generator: 32 for float. */
  bits: number;
  /** Activation bits (32 = float activations). */
  activationBits: number;
  /** "float" or the quantization method (balanced, balanced-exact, uniform). */
  method: string;
  /** Whether weights are stored as packed low-bit codes. */
  packed: boolean;
  /** Training summary from the manifest: preset/width, recipe, iterations, data. */
  training: Record<string, unknown>;
  /** Backend the model was trained on. */
  backend: string | null;
  /** bundled: from the models directory; trained: made by a job of this service. */
  source: 'bundled' | 'trained';
  createdAt: string | null;
}

/** A directory that looked like a model but could not be listed, and why. */
export interface ModelProblem {
  dir: string;
  message: string;
}
