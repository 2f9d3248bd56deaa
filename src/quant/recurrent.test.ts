import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { createQuantGru, createQuantLstm } from './recurrent.ts';
import { trainSequenceTask } from './sequenceTask.ts';

// One table for both bit-rnn cells: same task, same checks.

before(async () => {
  await selectBackend({ log: () => {} });
});

/** Stated margin: the 4-bit layer's accuracy is at most this far below the float layer's. */
const ACCURACY_MARGIN = 0.03;
const task = { iterations: 250, learningRate: 0.03, seed: 1 };
const shape = { inputSize: 1, units: 32, seed: 1 };
const cells = [
  { name: 'Gru', create: createQuantGru },
  { name: 'Lstm', create: createQuantLstm },
];

for (const { name, create } of cells) {
  test(`4-bit ${name} learns the delayed-XOR task within the margin of the float ${name}`, () => {
    const before = tf.memory().numTensors;
    const [float, quant] = [null, 4].map((bits) => {
      const layer = create({ ...shape, bits });
      const result = trainSequenceTask(layer, task);
      layer.dispose();
      return result;
    });
    assert.ok(float.accuracy >= 0.95, `float accuracy ${float.accuracy}`);
    assert.ok(quant.accuracy >= float.accuracy - ACCURACY_MARGIN, `4-bit ${quant.accuracy} vs float ${float.accuracy}`);
    assert.equal(tf.memory().numTensors, before);
  });

  test(`${name} hidden states lie on the 2^k levels, shapes [N,T,U]`, () => {
    const before = tf.memory().numTensors;
    const layer = create({ inputSize: 3, units: 5, bits: 2 });
    const xs = tf.randomUniform([2, 4, 3], 0, 1, 'float32', 3) as tf.Tensor3D;
    const hs = layer.run(xs);
    assert.deepEqual(hs.shape, [2, 4, 5]);
    for (const v of hs.dataSync()) assert.ok([0, 1, 2, 3].includes(Math.round(v * 3)) && Math.abs(v * 3 - Math.round(v * 3)) < 1e-5);
    const wrong = tf.zeros([2, 4, 2]) as tf.Tensor3D;
    assert.throws(() => layer.run(wrong), /expected inputs \[N,T,3\], but got \[2,4,2\]/);
    tf.dispose([xs, hs, wrong]);
    layer.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}
