import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { relativeError } from '../quant/fakeQuant.ts';
import type { QuantConfig } from '../quant/types.ts';
import { INFERENCE } from './normalization.ts';
import { packedModel, packedNetwork } from './packed.ts';
import { quantizeGenerator, readGeneratorWeights } from './quantize.ts';
import { randomizedModel } from '../../test/helpers/model.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

/** The low-bit path equals the fake-quantized float path to 1e-4. */
const MAX_RELATIVE_ERROR = 1e-4;

const cases: QuantConfig[] = [
  { method: 'balanced', wbits: 4, abits: 4, floatFirstLast: true },
  { method: 'uniform', wbits: 2, abits: 32, floatFirstLast: false },
  { method: 'balanced-exact', wbits: 3, abits: 8, floatFirstLast: false },
  { method: 'uniform', wbits: 1, abits: 2, floatFirstLast: true },
];

for (const quant of cases) {
  test(`low-bit and float engines equal the trainable generator's fake-quant forward (${quant.method} w${quant.wbits} a${quant.abits} ffl=${quant.floatFirstLast})`, () => {
    const model = randomizedModel('tiny', 3, quant);
    const packed = quantizeGenerator(readGeneratorWeights(model), model.config, quant);
    const before = tf.memory().numTensors;
    const images = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 5) as Tensor4D;
    const ref = tf.tidy(() => {
      const { background, object } = model.encode(images, false);
      return { latent: tf.concat([background, object], 3) as Tensor4D, out: model.decode(background, object, false) };
    });
    for (const engine of ['float', 'lowbit'] as const) {
      const network = packedNetwork(packed, model.config, engine);
      const latent = tf.tidy(() => network.encode(images, INFERENCE));
      const out = tf.tidy(() => network.decode(ref.latent, INFERENCE));
      const errLatent = relativeError(latent, ref.latent);
      const errOut = relativeError(out, ref.out);
      assert.ok(errLatent <= MAX_RELATIVE_ERROR && errOut <= MAX_RELATIVE_ERROR, `${engine}: latent ${errLatent}, output ${errOut}`);
      tf.dispose([latent, out]);
      network.dispose();
    }
    tf.dispose([images, ref.latent, ref.out]);
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });
}

test('a packed model is a whole Generator: its config carries the quantization, entries hold the dequantized weights', () => {
  const quant: QuantConfig = { method: 'balanced', wbits: 2, abits: 32, floatFirstLast: true };
  const model = randomizedModel('tiny', 4, quant);
  const packed = packedModel(quantizeGenerator(readGeneratorWeights(model), model.config, quant), model.config, 'lowbit', 'test');
  assert.deepEqual(packed.config.quant, quant);
  assert.equal(packed.engine, 'lowbit');
  const names = (entries: { name: string; group: string }[]) => entries.filter((e) => e.group === 'generator').map((e) => e.name).sort();
  assert.deepEqual(names(packed.entries()), names(model.entries()));
  const kernel = packed.entries().find((e) => e.name === 'encoder/conv2/kernel')!;
  assert.ok(new Set(kernel.variable.dataSync()).size <= 4, 'a 2-bit kernel has at most 4 levels');
  packed.dispose();
  model.dispose();
});

test('calibrated activation ranges: the packed engines still equal the trainable fake-quant forward', () => {
  const quant: QuantConfig = { method: 'balanced', wbits: 4, abits: 8, floatFirstLast: true };
  const model = randomizedModel('tiny', 7, quant);
  const ranges = model.entries().filter((e) => e.name.endsWith('/act_range'));
  assert.ok(ranges.length > 0, 'a QAT model with abits < 32 has act_range state');
  ranges.forEach((e, i) => e.variable.assign(tf.tensor1d([-0.25 * (i + 1), 1.5 + i])));
  const packed = quantizeGenerator(readGeneratorWeights(model), model.config, quant);
  assert.deepEqual([...(packed.floats.get(ranges[0].name)?.values ?? [])], [-0.25, 1.5]);
  const images = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 8) as Tensor4D;
  const ref = tf.tidy(() => {
    const { background, object } = model.encode(images, false);
    return model.decode(background, object, false);
  });
  for (const engine of ['float', 'lowbit'] as const) {
    const network = packedNetwork(packed, model.config, engine);
    const out = tf.tidy(() => network.decode(network.encode(images, INFERENCE), INFERENCE));
    const err = relativeError(out, ref);
    assert.ok(err <= MAX_RELATIVE_ERROR, `${engine}: ${err}`);
    tf.dispose(out);
    network.dispose();
  }
  tf.dispose([images, ref]);
  model.dispose();
});
