import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findLatestSample } from './findLatestSample.ts';
import { SAMPLES_DIR } from '../../train/constants.ts';
import { tempDir } from '../../../test/support/tinyModel.ts';

test('the newest grid by the iteration in its name, or null', async (t) => {
  const run = tempDir(t);
  assert.equal(await findLatestSample(run), null, 'no samples directory');
  mkdirSync(path.join(run, SAMPLES_DIR));
  for (const name of ['iter-0000050.png', 'iter-0000100.png', 'iter-0000075.png', 'notes.txt']) writeFileSync(path.join(run, SAMPLES_DIR, name), 'x');
  assert.deepEqual(await findLatestSample(run), { file: path.join(run, SAMPLES_DIR, 'iter-0000100.png'), iteration: 100 });
});
