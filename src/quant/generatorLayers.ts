import { DECODER_MULTIPLIERS, ENCODER_MULTIPLIERS } from '../model/constants.ts';
import type { GeneganConfig } from '../model/types.ts';
import type { GeneratorLayer } from './types.ts';

/**
 * The generator's conv layers in forward order, as src/model builds them (spec/genegan.md
 * "Networks"): encoder conv stages (BN on all but the first, LeakyReLU), decoder deconv stages
 * (BN, ReLU), then the RGB deconv with bias and (tanh + 1) / 2. Names follow src/model's
 * variable names; the low-bit path and the packer walk this list.
 */
export function generatorLayers(config: Pick<GeneganConfig, 'imageSize'>): GeneratorLayer[] {
  const encoder = ENCODER_MULTIPLIERS[config.imageSize].map((_, i): GeneratorLayer => ({
    name: `encoder/conv${i + 1}`,
    kind: 'down',
    bn: i > 0,
    bias: false,
    activation: 'leaky',
    edge: i === 0,
  }));
  const hidden = DECODER_MULTIPLIERS[config.imageSize].map((_, i): GeneratorLayer => ({
    name: `decoder/deconv${i + 1}`,
    kind: 'up',
    bn: true,
    bias: false,
    activation: 'relu',
    edge: false,
  }));
  const rgb: GeneratorLayer = { name: `decoder/deconv${hidden.length + 1}`, kind: 'up', bn: false, bias: true, activation: 'tanh01', edge: true };
  return [...encoder, ...hidden, rgb];
}

/** True when a layer's kernel (and input) are quantized under the config (spec convention). */
export function isQuantizedLayer(layer: GeneratorLayer, floatFirstLast: boolean): boolean {
  return !(layer.edge && floatFirstLast);
}
