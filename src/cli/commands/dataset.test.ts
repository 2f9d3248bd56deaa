import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
/** The real CLI in a child process (the test runner owns this process's stdout). */
const genegan = (...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin/genegan.js'), 'dataset', ...args]);

test('genegan dataset prints layout and counts, and writes a with/without sample grid', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'genegan-cli-dataset-')), 'samples.png');
  const { stdout } = await genegan(path.join(ROOT, 'test/fixtures/folder'), '--samples', file, '--json');
  const summary = JSON.parse(stdout);
  assert.deepEqual([summary.layout, summary.counts], ['folder', { with: 3, without: 3 }]);
  const meta = await sharp(readFileSync(file)).metadata();
  assert.deepEqual([meta.width, meta.height], [8 * 66 + 2, 2 * 66 + 2]);
});

test('genegan dataset: an unknown attribute is a one-line error with exit code 2', async () => {
  await assert.rejects(genegan(path.join(ROOT, 'test/fixtures/celeba'), '--attribute', 'Sunglasses'), (err: { code: number; stderr: string }) => {
    assert.equal(err.code, 2);
    assert.match(err.stderr, /^genegan dataset: unknown attribute "Sunglasses" in .*list_attr_celeba.txt/);
    return true;
  });
});
