import { tf, type Tensor4D } from '../backend/tf.ts';
import { BN_EPSILON, LEAKY_SLOPE, STRIDE } from '../model/constants.ts';
import type { GeneganConfig } from '../model/types.ts';
import { activationCodes, fakeQuantActivation } from './fakeQuantActivation.ts';
import { disposeFloatLayer, floatLayers, type FloatLayer } from './floatLayer.ts';
import { generatorLayers } from './generatorLayers.ts';
import { disposeLowBitLayer, lowBitLayer, type LowBitLayer } from './layerTensors.ts';
import type { GeneratorEngine, GeneratorLayer, PackedGenerator } from './types.ts';

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
  return activate(l.layer, conv(l.layer, input, l.kernel).mul(l.mul).add(l.add));
}

/** src/model's conv 4x4 s2 SAME ('down') or deconv 4x4 s2 SAME ('up'), on any-valued inputs. */
function conv(layer: GeneratorLayer, x: Tensor4D, kernel: Tensor4D): Tensor4D {
  if (layer.kind === 'down') return tf.conv2d(x, kernel, STRIDE, 'same');
  const [n, h, w] = x.shape;
  return tf.conv2dTranspose(x, kernel, [n, h * STRIDE, w * STRIDE, kernel.shape[2]], STRIDE, 'same');
}

function floatForward(l: FloatLayer, x: Tensor4D): Tensor4D {
  const input = l.inputBits === null ? x : (fakeQuantActivation(x, l.inputBits) as Tensor4D);
  const z = conv(l.layer, input, l.kernel);
  const normed = l.bn !== null ? tf.batchNorm(z, l.bn.mean, l.bn.variance, l.bn.beta, l.bn.gamma, BN_EPSILON) : z;
  return activate(l.layer, l.bias !== null ? normed.add(l.bias) : normed);
}

function activate(layer: GeneratorLayer, y: tf.Tensor): Tensor4D {
  switch (layer.activation) {
    case 'leaky':
      return tf.leakyRelu(y, LEAKY_SLOPE) as Tensor4D;
    case 'relu':
      return tf.relu(y) as Tensor4D;
    case 'tanh01':
      return tf.mul(tf.add(tf.tanh(y), 1), 0.5) as Tensor4D;
  }
}
