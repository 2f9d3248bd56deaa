import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { tf } from '../../backend/tf.ts';
import { encodeImage } from '../../data/imageFiles.ts';
import { main } from '../main.ts';
import { drawToyFaces } from '../../../test/helpers/drawToyFaces.ts';
import { saveModel } from '../../model/saveModel.ts';
import { testBackend, tinyModel } from '../../../test/helpers/model.ts';

await testBackend();

/** Runs `genegan <argv>` in-process with stdout captured. */
async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  let out = '';
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(argv), out };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
}

test('genegan swap / remove / interpolate / matrix write their images; bad input is a clear usage error', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'genegan-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const model = tinyModel();
  await saveModel(path.join(dir, 'model'), model);
  model.dispose();
  const faces = drawToyFaces(4, 64, true, 3);
  const files: string[] = [];
  for (let i = 0; i < 4; i++) {
    const one = faces.slice([i, 0, 0, 0], [1, -1, -1, -1]);
    files.push(path.join(dir, `f${i}.png`));
    await writeFile(files[i], await encodeImage(one as typeof faces));
    one.dispose();
  }
  faces.dispose();
  const m = ['--model', path.join(dir, 'model')];
  const out = path.join(dir, 'out');
  const tensorsBefore = tf.memory().numTensors;
  assert.equal((await run(['swap', ...m, '--out', out, '--grid', files[0], files[1]])).code, 0);
  assert.equal((await run(['remove', ...m, '--out', out, files[2]])).code, 0);
  assert.equal((await run(['interpolate', ...m, '--from', files[0], '--to', files[1], '--steps', '3', '--out', path.join(out, 'i.png'), files[2]])).code, 0);
  const matrix = await run(['matrix', ...m, '--target', files[3], '--rows', '3', '--out', path.join(out, 'm.png'), '--json', ...files]);
  assert.equal(matrix.code, 0);
  assert.deepEqual(JSON.parse(matrix.out.trim().split('\n').at(-1) as string), { file: path.join(out, 'm.png'), rows: 3, cols: 3, composite: 'residual' });
  assert.deepEqual((await readdir(out)).sort(), ['f0_A0.png', 'f1_Bu.png', 'f1_Bu_mask.png', 'f2_A0.png', 'f2_A0_mask.png', 'grid.png', 'i.png', 'm.png']);
  // Residual answers at the input's own size; replace at the model's, with no mask.
  const big = path.join(dir, 'big.png');
  await sharp(files[2]).resize(100, 120, { fit: 'fill' }).toFile(big);
  const replaced = path.join(dir, 'replaced');
  assert.equal((await run(['remove', ...m, '--out', path.join(dir, 'residual'), big])).code, 0);
  assert.equal((await run(['remove', ...m, '--out', replaced, '--composite', 'replace', big])).code, 0);
  assert.deepEqual([(await sharp(path.join(dir, 'residual', 'big_A0.png')).metadata()).width, (await sharp(path.join(dir, 'residual', 'big_A0.png')).metadata()).height], [100, 120]);
  assert.equal((await sharp(path.join(replaced, 'big_A0.png')).metadata()).width, 64);
  assert.deepEqual(await readdir(replaced), ['big_A0.png']);
  const badComposite = await run(['swap', ...m, '--out', out, '--composite', 'blend', files[0], files[1]]);
  assert.equal(badComposite.code, 2);
  assert.match(badComposite.out, /--composite: expected residual\|replace, but got "blend"/);
  const grid = await sharp(path.join(out, 'm.png')).metadata();
  assert.equal(grid.width, 3 * (64 + 2) + 2);
  const odd = await run(['swap', ...m, '--out', out, files[0]]);
  assert.equal(odd.code, 2);
  assert.match(odd.out, /expected image pairs A B/);
  const missing = await run(['remove', '--model', path.join(dir, 'nowhere'), '--out', out, files[0]]);
  assert.equal(missing.code, 2);
  assert.match(missing.out, /not a model directory \(missing manifest\.json\)/);
  assert.equal((await run(['matrix', '--help'])).code, 0);
  assert.equal(tf.memory().numTensors, tensorsBefore, 'the commands dispose their models and images');
});
