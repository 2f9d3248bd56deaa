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
 * It mirrors how training forms them (spec/genegan.md "Forward graph"; src/train): the encoder runs
 * once per set (Au, B0) and the decoder once per latent combination — (A, x), (B, 0), (B, x),
 * (A, 0) — each call normalised with its own batch moments, and the moving statistics are the
 * average of the calls' moments. Kernels are untouched; only `${layer}/bn/moving_{mean,variance}`
 * change.
 * @param au, b0 NHWC [N,S,S,3] in [0,1], calibration images of the two sets (same N).
 * @returns a new PackedGenerator sharing the kernels.
 */
export function calibrateBatchNorm(packed: PackedGenerator, config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>, au: Tensor4D, b0: Tensor4D): PackedGenerator {
  const layers = floatLayers(generatorLayers(config), packed);
  const floats = new Map<string, HostTensor>(packed.floats);
  try {
    tf.tidy(() => {
      const encoderCount = layers.filter((l) => l.layer.kind === 'down').length;
      const run = (calls: Tensor4D[], from: number, to: number) => layers.slice(from, to).reduce((h, l) => calibrateLayer(l, h, floats), calls);
      const [a, b] = run([au, b0], 0, encoderCount);
      const object = objectChannels(config as GeneganConfig);
      const split = latentChannels(config as GeneganConfig) - object;
      const [aBackground, x] = tf.split(a, [split, object], 3) as Tensor4D[];
      const [bBackground] = tf.split(b, [split, object], 3) as Tensor4D[];
      const zero = tf.zerosLike(x);
      const latents = [[aBackground, x], [bBackground, zero], [bBackground, x], [aBackground, zero]].map((parts) => tf.concat(parts, 3) as Tensor4D);
      run(latents, encoderCount, layers.length);
    });
  } finally {
    layers.forEach(disposeFloatLayer);
  }
  return { quant: { ...packed.quant }, kernels: packed.kernels, floats };
}

/**
 * One layer on each forward call, BN in training mode (each call with its own batch moments); the
 * calls' moments are averaged into the layer's new moving statistics.
 */
function calibrateLayer(l: FloatLayer, calls: Tensor4D[], floats: Map<string, HostTensor>): Tensor4D[] {
  const zs = calls.map((x) => convLayer(l.layer, l.inputBits === null ? x : (fakeQuantActivation(x, l.inputBits) as Tensor4D), l.kernel));
  if (l.bn !== null) {
    const bn = l.bn;
    const moments = zs.map((z) => tf.moments(z, [0, 1, 2]));
    const average = (pick: (m: (typeof moments)[number]) => tf.Tensor) => Float32Array.from(tf.addN(moments.map(pick)).div(moments.length).dataSync());
    const mean = average((m) => m.mean);
    floats.set(`${l.layer.name}/bn/moving_mean`, { shape: [mean.length], values: mean });
    floats.set(`${l.layer.name}/bn/moving_variance`, { shape: [mean.length], values: average((m) => m.variance) });
    return zs.map((z, i) => activateLayer(l.layer, tf.batchNorm(z, moments[i].mean, moments[i].variance, bn.beta, bn.gamma, BN_EPSILON)));
  }
  return zs.map((z) => activateLayer(l.layer, l.bias === null ? z : z.add(l.bias)));
}
