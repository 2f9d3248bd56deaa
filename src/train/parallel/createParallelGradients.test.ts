import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../backend/tf.ts';
import { maxRelativeError, readyWasmAndCpu, toHost } from '../../../test/helpers/compareBackends.ts';
import { createGenegan } from '../../model/createGenegan.ts';
import { PRESETS } from '../../model/presets.ts';
import { computeCriticGradients } from '../criticStep.ts';
import { computeGeneratorGradients } from '../generatorStep.ts';
import { recipeByName } from '../recipes.ts';
import type { Fakes, StepGradients } from '../types.ts';
import { combineShares, splitBatch } from './combineShares.ts';
import { createParallelGradients } from './createParallelGradients.ts';

const RECIPE = recipeByName('paper', { criticFreshBatch: false });
const BATCH = 4;
const TOLERANCE = 1e-5;

type Step = StepGradients & { fakes?: Fakes };

/** The same step computed in this thread: each half on its own, then combined. */
function localHalves(compute: (au: tf.Tensor4D, b0: tf.Tensor4D, i: number) => Step, au: tf.Tensor4D, b0: tf.Tensor4D): Step {
  const sizes = [BATCH / 2, BATCH / 2];
  const [as, bs] = [splitBatch(au, sizes), splitBatch(b0, sizes)];
  const out = combineShares([compute(as[0], bs[0], 0), compute(as[1], bs[1], 1)], sizes);
  tf.dispose([...as, ...bs]);
  return out;
}

function assertSameStep(parallel: Step, local: Step, label: string): void {
  for (const part of ['grads', 'stateUpdates'] as const) {
    assert.deepEqual(Object.keys(parallel[part]).sort(), Object.keys(local[part]).sort(), `${label} ${part} names`);
    for (const name of Object.keys(local[part])) {
      const err = maxRelativeError(toHost(parallel[part][name]), toHost(local[part][name]));
      assert.ok(err <= TOLERANCE, `${label} ${part} ${name}: relative error ${err}`);
    }
  }
  for (const [k, v] of Object.entries(local.losses)) assert.ok(Math.abs(parallel.losses[k] - v) <= TOLERANCE * Math.max(1, Math.abs(v)), `${label} loss ${k}`);
}

function disposeStep(s: Step): void {
  tf.dispose([...Object.values(s.grads), ...Object.values(s.stateUpdates)]);
  if (s.fakes !== undefined) tf.dispose([s.fakes.bu, s.fakes.a0]);
}

test('parallel gradients equal the halves computed in one thread, and leak nothing', async () => {
  await readyWasmAndCpu();
  const model = createGenegan(PRESETS.tiny, { seed: 3 });
  const size = PRESETS.tiny.imageSize;
  const au = tf.randomUniform([BATCH, size, size, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const b0 = tf.randomUniform([BATCH, size, size, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
  const engine = await createParallelGradients({ model: PRESETS.tiny, helpers: 1 });
  try {
    assert.equal(engine.threads, 2);
    const tensors = tf.memory().numTensors;
    const g = await engine.generator(model, au, b0, RECIPE, true);
    const gLocal = localHalves((a, b) => computeGeneratorGradients(model, a, b, RECIPE, { keepFakes: true }), au, b0);
    assertSameStep(g, gLocal, 'generator');
    assert.ok(maxRelativeError(toHost(g.fakes!.bu), toHost(gLocal.fakes!.bu)) <= TOLERANCE, 'fakes Bu');
    const d = await engine.critic(model, au, b0, RECIPE, g.fakes);
    const fakeHalves = { bu: splitBatch(g.fakes!.bu, [2, 2]), a0: splitBatch(g.fakes!.a0, [2, 2]) };
    const dLocal = localHalves((a, b, i) => computeCriticGradients(model, a, b, RECIPE, { bu: fakeHalves.bu[i], a0: fakeHalves.a0[i] }), au, b0);
    assertSameStep(d, dLocal, 'critic');
    [g, gLocal, d, dLocal].forEach(disposeStep);
    tf.dispose([...fakeHalves.bu, ...fakeHalves.a0]);
    assert.equal(tf.memory().numTensors, tensors);
  } finally {
    await engine.dispose();
    tf.dispose([au, b0]);
    model.dispose();
  }
});

test('a helper failure surfaces as a clear error', async () => {
  await readyWasmAndCpu();
  await assert.rejects(
    createParallelGradients({ model: PRESETS.tiny, helpers: 1, backend: 'no-such-backend' }),
    /gradient worker: GENEGAN_BACKEND: expected one of/,
  );
  await assert.rejects(createParallelGradients({ model: PRESETS.tiny, helpers: 0 }), /helpers: expected a positive integer, but got 0/);
});
