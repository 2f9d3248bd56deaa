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
  await assert.rejects(command.run(['--out', '/tmp/x', '--count', 'ten']), (e: Error) => e instanceof UsageError && /--count to be an integer, but got "ten"/.test(e.message));
  await assert.rejects(command.run(['--out', '/tmp/x', '--count', '3', '--size', '96']), (e: Error) => e instanceof UsageError && /--size to be one of 64\|128, but got 96/.test(e.message));
});

test('genegan synth --contact-sheet draws a PNG', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'genegan-cli-sheet-')), 'sheet.png');
  assert.match(await genegan('--contact-sheet', file, '--seed', '1'), /wrote/);
  assert.deepEqual([...readFileSync(file).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
});
