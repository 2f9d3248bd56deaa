import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QuantConfig } from '../quant/types.ts';
import { createGenegan } from './createGenegan.ts';
import { generatorLayers, inputBits, isQuantizedLayer, kernelShape } from './generator.ts';
import { presetConfig } from './presets.ts';
import { testBackend } from '../../test/helpers/model.ts';

await testBackend();

test('the layer table: encoder convs (BN but on the first), decoder deconvs with BN, the RGB deconv with bias; edges first and last', () => {
  const layers = generatorLayers({ imageSize: 64, width: 8 });
  assert.deepEqual(
    layers.map((l) => [l.name, l.kind, l.inChannels, l.outChannels, l.bn, l.bias, l.activation, l.edge]),
    [
      ['encoder/conv1', 'down', 3, 8, false, false, 'leaky', true],
      ['encoder/conv2', 'down', 8, 16, true, false, 'leaky', false],
      ['encoder/conv3', 'down', 16, 32, true, false, 'leaky', false],
      ['decoder/deconv1', 'up', 32, 32, true, false, 'relu', false],
      ['decoder/deconv2', 'up', 32, 16, true, false, 'relu', false],
      ['decoder/deconv3', 'up', 16, 3, false, true, 'tanh01', true],
    ],
  );
  assert.equal(generatorLayers({ imageSize: 128, width: 8 }).length, 8);
});

test('the trainable generator is built from the table: one kernel per layer in its shape, BN or bias as listed', () => {
  const config = presetConfig('tiny');
  const model = createGenegan(config, { critics: false });
  const shapes = new Map(model.entries().map((e) => [e.name, e.variable.shape]));
  for (const layer of generatorLayers(config)) {
    assert.deepEqual(shapes.get(`${layer.name}/kernel`), kernelShape(layer), layer.name);
    assert.equal(shapes.has(`${layer.name}/bn/gamma`), layer.bn, `${layer.name} BN`);
    assert.equal(shapes.has(`${layer.name}/bias`), layer.bias, `${layer.name} bias`);
  }
  model.dispose();
});

test('quantized layers: all with quant, but the first and last with floatFirstLast; input codes unless abits is 32', () => {
  const [first, inner] = generatorLayers({ imageSize: 64, width: 8 });
  const last = generatorLayers({ imageSize: 64, width: 8 }).at(-1)!;
  const ffl: QuantConfig = { method: 'balanced', wbits: 2, abits: 3, floatFirstLast: true };
  const all: QuantConfig = { method: 'uniform', wbits: 3, abits: 32, floatFirstLast: false };
  assert.deepEqual([first, inner, last].map((l) => isQuantizedLayer(l, ffl)), [false, true, false]);
  assert.deepEqual([first, inner, last].map((l) => inputBits(l, ffl)), [null, 3, null]);
  assert.deepEqual([first, inner, last].map((l) => isQuantizedLayer(l, all)), [true, true, true]);
  assert.deepEqual([first, inner, last].map((l) => inputBits(l, all)), [null, null, null]); // abits 32: float activations
  assert.equal(isQuantizedLayer(inner, undefined), false);
});
