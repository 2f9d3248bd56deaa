import { tf, type Tensor4D } from '../backend/tf.ts';
import { BN_EPSILON } from '../model/constants.ts';
import { latentChannels, objectChannels } from '../model/validateConfig.ts';
import type { GeneganConfig } from '../model/types.ts';
import { fakeQuantActivation } from './fakeQuantActivation.ts';
import { disposeFloatLayer, floatLayers, type FloatLayer } from './floatLayer.ts';
import { generatorLayers } from './generatorLayers.ts';
import { activateLayer, convLayer } from './layerOps.ts';
import type { HostTensor, PackedGenerator } from './types.ts';

/**
 * Batch-norm recalibration after post-training quantization: the moving statistics a float model
 * learned describe its float conv outputs, not the quantized ones (balanced quantization with
 * scale = max|W| in particular changes each kernel's spread). This re-estimates every BN layer's
 * moving mean and variance from the quantized network's own conv outputs on calibration images,
 * layer by layer (each layer normalised with its new statistics before the next is measured).
 * Kernels are untouched; only `${layer}/bn/moving_{mean,variance}` change. The decoder is
 * calibrated on the reconstruction latents of both sets: (A, x) for Au and (B, 0) for B0, as in
 * training (spec/genegan.md "Forward graph").
 * @param au, b0 NHWC [N,S,S,3] in [0,1], calibration images of the two sets.
 * @returns a new PackedGenerator sharing the kernels.
 */
export function calibrateBatchNorm(packed: PackedGenerator, config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>, au: Tensor4D, b0: Tensor4D): PackedGenerator {
  const layers = floatLayers(generatorLayers(config), packed);
  const floats = new Map<string, HostTensor>(packed.floats);
  try {
    tf.tidy(() => {
      const encoderCount = layers.filter((l) => l.layer.kind === 'down').length;
      const run = (x: Tensor4D, from: number, to: number) => layers.slice(from, to).reduce((h, l) => calibrateLayer(l, h, floats), x);
      const latent = run(tf.concat([au, b0], 0), 0, encoderCount);
      const object = objectChannels(config as GeneganConfig);
      const split = latentChannels(config as GeneganConfig) - object;
      const [background, x] = tf.split(latent, [split, object], 3);
      const keep = tf.concat([tf.ones([au.shape[0], 1, 1, 1]), tf.zeros([b0.shape[0], 1, 1, 1])], 0);
      run(tf.concat([background, x.mul(keep)], 3) as Tensor4D, encoderCount, layers.length);
    });
  } finally {
    layers.forEach(disposeFloatLayer);
  }
  return { quant: { ...packed.quant }, kernels: packed.kernels, floats };
}

/** One layer's forward in training-mode BN; records the batch moments as the new moving stats. */
function calibrateLayer(l: FloatLayer, x: Tensor4D, floats: Map<string, HostTensor>): Tensor4D {
  const input = l.inputBits === null ? x : (fakeQuantActivation(x, l.inputBits) as Tensor4D);
  const z = convLayer(l.layer, input, l.kernel);
  let y: tf.Tensor = z;
  if (l.bn !== null) {
    const { mean, variance } = tf.moments(z, [0, 1, 2]);
    floats.set(`${l.layer.name}/bn/moving_mean`, { shape: [mean.size], values: Float32Array.from(mean.dataSync()) });
    floats.set(`${l.layer.name}/bn/moving_variance`, { shape: [variance.size], values: Float32Array.from(variance.dataSync()) });
    y = tf.batchNorm(z, mean, variance, l.bn.beta, l.bn.gamma, BN_EPSILON);
  }
  if (l.bias !== null) y = y.add(l.bias);
  return activateLayer(l.layer, y);
}
