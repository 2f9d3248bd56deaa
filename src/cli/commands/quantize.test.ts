import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tf, type Tensor4D } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { createGenegan } from '../../model/createGenegan.ts';
import { loadModel } from '../../model/loadModel.ts';
import { saveModel } from '../../model/saveModel.ts';
import { swap } from '../../model/operations.ts';
import { readGeneratorWeights } from '../../model/quantize.ts';
import { relativeError } from '../../quant/fakeQuant.ts';
import { randomizedModel } from '../../../test/helpers/model.ts';
import { quantizeModel } from '../../model/quantize.ts';
import { command } from './quantize.ts';

let dir = '';
let floatDir = '';
before(async () => {
  await selectBackend({ log: () => {} });
  dir = await mkdtemp(path.join(tmpdir(), 'genegan-quantize-'));
  floatDir = path.join(dir, 'float');
  const model = randomizedModel('tiny', 8);
  await saveModel(floatDir, model, { attribute: 'Eyeglasses' });
  model.dispose();
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Swallows the command's stdout report (only around the first test: the runner reports on stdout too). */
async function quiet<T>(f: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await f();
  } finally {
    process.stdout.write = write;
  }
}

test('genegan quantize writes a packed model that loadModel runs from codes, equal to the fake-quant model', async () => {
  const out = path.join(dir, 'b4');
  const code = await quiet(() => command.run(['--model', floatDir, '--bits', '4', '--method', 'balanced', '--abits', '8', '--out', out]));
  assert.equal(code, 0);
  const { model: packed, manifest } = await loadModel(out);
  assert.deepEqual(manifest.quantization, { ...manifest.quantization, method: 'balanced', wbits: 4, abits: 8, floatFirstLast: true, packed: true });
  const { model: float } = await loadModel(floatDir);
  const reference = createGenegan({ ...float.config, quant: { method: 'balanced', wbits: 4, abits: 8, floatFirstLast: true } }, { critics: false });
  const weights = readGeneratorWeights(float);
  for (const e of reference.entries()) {
    const w = weights.get(e.name);
    if (w !== undefined) tf.tidy(() => e.variable.assign(tf.tensor(w.values, w.shape)));
  }
  const before = tf.memory().numTensors;
  const au = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 1) as Tensor4D;
  const b0 = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 2) as Tensor4D;
  const got = swap(packed, au, b0);
  const want = swap(reference, au, b0);
  assert.ok(relativeError(got.bu, want.bu) <= 1e-4 && relativeError(got.a0, want.a0) <= 1e-4);
  tf.dispose([au, b0, got.a0, got.bu, want.a0, want.bu]);
  assert.equal(tf.memory().numTensors, before);
  [packed, float, reference].forEach((m) => m.dispose());
});

test('quantize reports user mistakes clearly', async () => {
  const out = path.join(dir, 'x');
  await assert.rejects(command.run(['--model', floatDir, '--method', 'balanced', '--out', out]), /expected --bits K \(1\.\.8\), but it is missing/);
  await assert.rejects(command.run(['--model', floatDir, '--bits', '9', '--method', 'balanced', '--out', out]), /--bits: expected an integer 1\.\.8, but got "9"/);
  await assert.rejects(command.run(['--model', floatDir, '--bits', '2', '--method', 'ternary', '--out', out]), /--method: expected one of balanced\|balanced-exact\|uniform, but got "ternary"/);
  await assert.rejects(command.run(['--model', path.join(dir, 'nope'), '--bits', '2', '--method', 'uniform', '--out', out]), /not a model directory/);
});

test('a packed model is an inference Generator (no training mode, no critics), and a manifest that disagrees with packed.json is rejected', async () => {
  const out = path.join(dir, 'u2');
  await quantizeModel({ model: floatDir, out, quant: { method: 'uniform', wbits: 2, abits: 32, floatFirstLast: true }, engine: 'lowbit' });
  const { model } = await loadModel(out);
  const images = tf.zeros([1, 64, 64, 3]) as Tensor4D;
  assert.ok(!('encodeFrozen' in model) && !('critic' in model) && !('applyStateUpdates' in model));
  const { background, object } = model.encode(images);
  tf.dispose([background, object]);
  images.dispose();
  model.dispose();
  const file = path.join(out, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  manifest.quantization.wbits = 4;
  await writeFile(file, JSON.stringify(manifest));
  await assert.rejects(loadModel(out), /manifest\.json: quantization\.wbits: expected 2 \(as in packed\.json\), but got 4/);
});

test('a packed model packs again with other activation bits, keeping its weight codes; it needs --calibrate and its own weight settings', async () => {
  const packedDir = path.join(dir, 'packed-w4a32');
  await quantizeModel({ model: floatDir, out: packedDir, quant: { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true }, engine: 'lowbit' });
  const out = path.join(dir, 'packed-w4a8');
  await assert.rejects(
    quantizeModel({ model: packedDir, out, quant: { method: 'balanced', wbits: 4, abits: 8, floatFirstLast: true }, engine: 'lowbit' }),
    /--abits 8: expected --calibrate DATA to fit the activation ranges/,
  );
  await assert.rejects(
    quantizeModel({ model: packedDir, out, quant: { method: 'uniform', wbits: 4, abits: 32, floatFirstLast: true }, engine: 'lowbit' }),
    /a packed model keeps its weights: expected method "balanced", but got "uniform"/,
  );
  const report = await quantizeModel({ model: packedDir, out, quant: { method: 'balanced', wbits: 4, abits: 32, floatFirstLast: true }, engine: 'lowbit' });
  const [a, b] = await Promise.all([readFile(path.join(packedDir, 'packed.bin')), readFile(path.join(out, 'packed.bin'))]);
  assert.ok(a.equals(b), 'the same codes and floats, byte for byte');
  assert.ok(report.floatBytes > 7 * report.packedBytes * 0.5, `float32 size is estimated from the tensors: ${report.floatBytes}`);
});
