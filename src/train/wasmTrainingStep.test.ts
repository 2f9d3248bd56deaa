import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { maxRelativeError, randomHost, readyWasmAndCpu, toHost, type HostTensor } from '../../test/helpers/compareBackends.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { PRESETS } from '../model/presets.ts';
import { recipeByName } from './recipes.ts';
import { createOptimizer } from './createOptimizer.ts';
import { trainableByName } from './gradientStep.ts';
import { applyGeneratorGradients, computeGeneratorGradients } from './generatorStep.ts';
import { applyCriticGradients, computeCriticGradients } from './criticStep.ts';

const BATCH = 2;
const GRAD_TOLERANCE = 1e-3;
// The official recipe (docs/training.md "Recipes", `paper`) at the tests' tiny width; WGAN, RMSProp, clipping.
const RECIPE = recipeByName('paper', { criticFreshBatch: false });

interface StepResult {
  generator: Record<string, HostTensor>;
  critic: Record<string, HostTensor>;
  weightsAfter: Record<string, HostTensor>;
  tensorsGrowth: number;
}

/** One generator step + one critic step (gradients, RMSProp, clipping) from seeded weights. */
function trainingStep(backend: 'wasm' | 'cpu', au: HostTensor, b0: HostTensor): StepResult {
  tf.setBackend(backend);
  const model = createGenegan(PRESETS.tiny, { seed: 7 });
  const og = createOptimizer(RECIPE.generatorOptimizer, trainableByName(model, 'generator'));
  const od = createOptimizer(RECIPE.criticOptimizer, trainableByName(model, 'critic'));
  const [a, b] = [au, b0].map((h) => tf.tensor4d(h.values, h.shape as [number, number, number, number]));
  const host = (map: tf.NamedTensorMap) => Object.fromEntries(Object.entries(map).map(([k, t]) => [k, toHost(t)]));
  try {
    const step = () => {
      const g = computeGeneratorGradients(model, a, b, RECIPE, { keepFakes: true });
      const generator = host(g.grads);
      applyGeneratorGradients(model, og, g);
      const d = computeCriticGradients(model, a, b, RECIPE, g.fakes);
      const critic = host(d.grads);
      applyCriticGradients(model, od, d, RECIPE);
      tf.dispose([g.fakes!.bu, g.fakes!.a0]);
      return { generator, critic };
    };
    const first = step();
    const weightsAfter = Object.fromEntries(model.entries().map((e) => [e.name, toHost(e.variable)]));
    // A second step only where it is cheap: it must not leave tensors behind.
    const tensors = tf.memory().numTensors;
    if (backend === 'wasm') step();
    return { ...first, weightsAfter, tensorsGrowth: tf.memory().numTensors - tensors };
  } finally {
    tf.dispose([a, b]);
    og.dispose();
    od.dispose();
    model.dispose();
  }
}

test('a whole GeneGAN training step gives the same gradients on wasm as on cpu', async () => {
  await readyWasmAndCpu();
  const size = PRESETS.tiny.imageSize;
  const [au, b0] = [1, 2].map((seed) => {
    const h = randomHost([BATCH, size, size, 3], seed);
    return { ...h, values: h.values.map((v) => (v + 1) / 2) }; // images in [0, 1]
  });
  const cpu = trainingStep('cpu', au, b0);
  const wasm = trainingStep('wasm', au, b0);
  for (const part of ['generator', 'critic'] as const) {
    const names = Object.keys(cpu[part]);
    assert.ok(names.length > 0, `${part}: no gradients`);
    assert.deepEqual(Object.keys(wasm[part]).sort(), [...names].sort());
    for (const name of names) {
      const err = maxRelativeError(wasm[part][name], cpu[part][name]);
      assert.ok(err <= GRAD_TOLERANCE, `${part} gradient of ${name}: relative error ${err}`);
    }
  }
  for (const [name, w] of Object.entries(cpu.weightsAfter)) {
    const err = maxRelativeError(wasm.weightsAfter[name], w);
    assert.ok(err <= GRAD_TOLERANCE, `weight ${name} after one step: relative error ${err}`);
  }
  assert.equal(wasm.tensorsGrowth, 0, 'tensors leaked by a wasm training step');
});
