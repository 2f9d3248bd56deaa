import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { presetConfig } from '../model/presets.ts';
import { createGeneratorRunner } from './createGeneratorRunner.ts';
import { quantizeGenerator } from './quantizeGenerator.ts';
import { readGeneratorWeights } from './readGeneratorWeights.ts';
import { relativeError } from './relativeError.ts';
import { randomizedModel } from './randomizedModel.ts';
import type { QuantConfig } from './types.ts';

before(async () => {
  await selectBackend({ log: () => {} });
});

/** The bound: the low-bit path equals the fake-quantized float path to 1e-4. */
const MAX_RELATIVE_ERROR = 1e-4;

const cases: QuantConfig[] = [
  { method: 'balanced', wbits: 4, abits: 4, floatFirstLast: true },
  { method: 'uniform', wbits: 2, abits: 32, floatFirstLast: false },
  { method: 'balanced-exact', wbits: 3, abits: 8, floatFirstLast: false },
  { method: 'uniform', wbits: 1, abits: 2, floatFirstLast: true },
];

for (const quant of cases) {
  test(`low-bit and float engines equal src/model's fake-quant forward (${quant.method} w${quant.wbits} a${quant.abits} ffl=${quant.floatFirstLast})`, () => {
    const model = randomizedModel('tiny', 3, quant);
    const packed = quantizeGenerator(readGeneratorWeights(model), model.config, quant);
    const before = tf.memory().numTensors;
    const images = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 5) as Tensor4D;
    const ref = tf.tidy(() => {
      const { background, object } = model.encode(images, false);
      return { latent: tf.concat([background, object], 3) as Tensor4D, out: model.decode(background, object, false) };
    });
    for (const engine of ['float', 'lowbit'] as const) {
      const runner = createGeneratorRunner(packed, model.config, engine);
      const latent = runner.encode(images);
      const out = runner.decode(ref.latent);
      const errLatent = relativeError(latent, ref.latent);
      const errOut = relativeError(out, ref.out);
      assert.ok(errLatent <= MAX_RELATIVE_ERROR && errOut <= MAX_RELATIVE_ERROR, `${engine}: latent ${errLatent}, output ${errOut}`);
      tf.dispose([latent, out]);
      runner.dispose();
    }
    tf.dispose([images, ref.latent, ref.out]);
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });
}
