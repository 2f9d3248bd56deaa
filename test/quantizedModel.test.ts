import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from './helper.ts';
import { saveTinyModel, saveTinyQuantizedModel, tempDir } from './support/tinyModel.ts';
import { multipart } from './support/makeImages.ts';

const sample = (name: string) => readFileSync(path.join(import.meta.dirname, '../public/samples', name));

test('a packed low-bit model is listed with its bits and method, and serves swaps', async (t) => {
  const modelsDir = await saveTinyModel(tempDir(t));
  await saveTinyQuantizedModel(modelsDir);
  const app = await build(t, { modelsDir });
  const info = (await app.inject({ url: '/v1/models/tiny-eyeglasses-4bit' })).json();
  assert.deepEqual([info.bits, info.activationBits, info.method, info.packed], [4, 32, 'balanced', true]);
  const res = await app.inject({
    method: 'POST', url: '/v1/swap',
    ...(await multipart([['a', sample('with-1.jpg')], ['b', sample('without-1.jpg')]], { model: 'tiny-eyeglasses-4bit', align: 'none' })),
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.json().outputs.Bu.crop, /^data:image\/png;base64,/);
});
