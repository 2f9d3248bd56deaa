import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { command } from './synth.ts';
import { UsageError } from '../types.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/genegan.js');
/** Runs the real CLI in a child process (the test runner owns this process's stdout). */
const genegan = async (...args: string[]): Promise<string> => (await promisify(execFile)(process.execPath, [BIN, 'synth', ...args])).stdout;

test('genegan synth writes a small set and prints a JSON summary', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'genegan-cli-synth-')), 'set');
  const out = await genegan('--out', dir, '--count', '6', '--size', '64', '--seed', '3', '--json');
  const summary = JSON.parse(out);
  assert.equal(summary.count, 6);
  assert.ok(existsSync(path.join(dir, 'img_align_celeba', '000006.jpg')));
  assert.equal(readFileSync(path.join(dir, 'list_attr_celeba.txt'), 'utf8').split('\n')[0], '6');
});

test('genegan synth: user mistakes are UsageErrors with the flag named', async () => {
  await assert.rejects(command.run(['--count', '3']), (e: Error) => e instanceof UsageError && /--out DIR/.test(e.message));
  await assert.rejects(command.run(['--out', '/tmp/x', '--count', 'ten']), (e: Error) => e instanceof UsageError && /--count: expected an integer, but got "ten"/.test(e.message));
  await assert.rejects(command.run(['--out', '/tmp/x', '--count', '3', '--size', '96']), (e: Error) => e instanceof UsageError && /--size to be one of 64\|128, but got 96/.test(e.message));
});

test('genegan synth --contact-sheet draws a PNG', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'genegan-cli-sheet-')), 'sheet.png');
  assert.match(await genegan('--contact-sheet', file, '--seed', '1'), /wrote/);
  assert.deepEqual([...readFileSync(file).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
});

test('genegan synth --counterfactuals draws A, B, true Bu and true A0 of the pairs eval scores, at any size', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'genegan-cli-cf-'));
  const data = path.join(root, 'set');
  await genegan('--out', data, '--count', '30', '--size', '64', '--seed', '4', '--json');
  const out = path.join(root, 'cf');
  const summary = JSON.parse(await genegan('--counterfactuals', out, '--data', data, '--attribute', 'Eyeglasses', '--split', 'train', '--n', '3', '--size', '96', '--json'));
  assert.equal(summary.pairs, 3);
  const rows = readFileSync(path.join(out, 'pairs.csv'), 'utf8').trim().split('\n');
  assert.equal(rows[0], 'pair,a,b');
  const factors = readFileSync(path.join(data, 'factors.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const glasses = (id: string) => factors.find((r) => r[0] === id)?.[1];
  const [, au, b0] = rows[1].split(',');
  assert.deepEqual([glasses(au), glasses(b0)], ['1', '0'], 'A wears glasses, B does not');
  const withGlasses = factors.filter((r) => r[1] === '1').map((r) => r[0]);
  assert.equal(au, withGlasses[0], 'the first pair is the first image with the attribute, as eval pairs them');
  for (const dir of ['a', 'b', 'bu', 'a0']) {
    const png = readFileSync(path.join(out, dir, '0003.png'));
    assert.equal(png.readUInt32BE(16), 96, `${dir}: 96 px wide`);
  }
});

test('genegan synth --counterfactuals: usage errors name what is wrong', async () => {
  await assert.rejects(command.run(['--counterfactuals', '/tmp/x', '--attribute', 'Smiling']), (e: Error) => e instanceof UsageError && /expected --data DIR/.test(e.message));
  await assert.rejects(command.run(['--counterfactuals', '/tmp/x', '--data', '/tmp/none', '--attribute', 'Blond_Hair']), (e: Error) => e instanceof UsageError && /expected --attribute Eyeglasses\|Smiling\|Bangs\|Side_Lit, but got "Blond_Hair"/.test(e.message));
  await assert.rejects(command.run(['--counterfactuals', '/tmp/x', '--data', '/tmp/none', '--attribute', 'Smiling', '--size', '5']), (e: Error) => e instanceof UsageError && /--size from 8 to 4096 with --counterfactuals, but got 5/.test(e.message));
  await assert.rejects(command.run(['--counterfactuals', '/tmp/x', '--data', '/tmp/none-such', '--attribute', 'Smiling']), (e: Error) => e instanceof UsageError && /factors\.csv in --data, but \/tmp\/none-such has none/.test(e.message));
});
