import { tf, type Tensor4D } from '../backend/tf.ts';
import { BN_EPSILON } from '../model/constants.ts';
import type { GeneganConfig } from '../model/types.ts';
import { activationCodes, fakeQuantActivation } from './fakeQuant.ts';
import { disposeFloatLayer, floatLayers, type FloatLayer } from './floatLayer.ts';
import { generatorLayers } from './generatorLayers.ts';
import { activateLayer, convLayer } from './layerOps.ts';
import { disposeLowBitLayer, lowBitLayer, type LowBitLayer } from './lowBitLayer.ts';
import type { GeneratorEngine, PackedGenerator } from './types.ts';

/** Runs a packed generator's encoder and decoder (inference mode: BN moving statistics). */
export interface GeneratorRunner {
  readonly engine: GeneratorEngine;
  /** Images NHWC [N,S,S,3] in [0,1] -> latent [N,8,8,C] (background channels first, object last). */
  encode(images: Tensor4D): Tensor4D;
  /** Latent [N,8,8,C] -> images NHWC [N,S,S,3] in [0,1]. */
  decode(latent: Tensor4D): Tensor4D;
  dispose(): void;
}

/**
 * Builds the generator forward from packed weights on the chosen engine (GeneratorEngine). The
 * layer order and activations come from generatorLayers (the same as src/model's networks).
 */
export function createGeneratorRunner(packed: PackedGenerator, config: Pick<GeneganConfig, 'imageSize'>, engine: GeneratorEngine): GeneratorRunner {
  const layers = generatorLayers(config);
  const steps: Array<(x: Tensor4D) => Tensor4D> = [];
  const disposers: Array<() => void> = [];
  if (engine === 'lowbit') {
    for (const l of layers.map((layer) => lowBitLayer(layer, packed))) {
      steps.push((x) => lowBitForward(l, x));
      disposers.push(() => disposeLowBitLayer(l));
    }
  } else {
    for (const l of floatLayers(layers, packed)) {
      steps.push((x) => floatForward(l, x));
      disposers.push(() => disposeFloatLayer(l));
    }
  }
  const encoderCount = layers.filter((l) => l.kind === 'down').length;
  const run = (x: Tensor4D, from: number, to: number) => tf.tidy(() => steps.slice(from, to).reduce((h, step) => step(h), x));
  return {
    engine,
    encode: (images) => run(images, 0, encoderCount),
    decode: (latent) => run(latent, encoderCount, steps.length),
    dispose: () => disposers.forEach((d) => d()),
  };
}

function lowBitForward(l: LowBitLayer, x: Tensor4D): Tensor4D {
  const input = l.inputBits === null ? x : (activationCodes(x, l.inputBits) as Tensor4D);
  return activateLayer(l.layer, convLayer(l.layer, input, l.kernel).mul(l.mul).add(l.add));
}

function floatForward(l: FloatLayer, x: Tensor4D): Tensor4D {
  const input = l.inputBits === null ? x : (fakeQuantActivation(x, l.inputBits) as Tensor4D);
  const z = convLayer(l.layer, input, l.kernel);
  const normed = l.bn !== null ? tf.batchNorm(z, l.bn.mean, l.bn.variance, l.bn.beta, l.bn.gamma, BN_EPSILON) : z;
  return activateLayer(l.layer, l.bias !== null ? normed.add(l.bias) : normed);
}
