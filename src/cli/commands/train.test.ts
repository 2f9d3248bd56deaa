import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { command } from './train.ts';
import { UsageError } from '../types.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/genegan.js');
/** Runs the real CLI in a child process (the test runner owns this process's stdout). */
const genegan = async (...args: string[]): Promise<string> => (await promisify(execFile)(process.execPath, [BIN, ...args])).stdout;

test('genegan train --object-cycle / --swap-cycle: a negative weight is a UsageError', async () => {
  await assert.rejects(
    command.run(['--data', 'd', '--out', 'o', '--object-cycle=-1']),
    (e: Error) => e instanceof UsageError && /--object-cycle: expected a weight >= 0, but got -1/.test(e.message),
  );
  await assert.rejects(command.run(['--data', 'd', '--out', 'o', '--object-cycle', 'x']), (e: Error) => e instanceof UsageError && /expected a number/.test(e.message));
  await assert.rejects(command.run(['--data', 'd', '--out', 'o', '--swap-cycle=-2']), (e: Error) => e instanceof UsageError && /--swap-cycle: expected a weight >= 0, but got -2/.test(e.message));
});

test('genegan train --reconstruction-weight: must be a number > 0', async () => {
  const run = (w: string) => command.run(['--data', 'd', '--out', 'o', `--reconstruction-weight=${w}`]);
  await assert.rejects(run('0'), (e: Error) => e instanceof UsageError && /--reconstruction-weight: expected a weight > 0, but got 0/.test(e.message));
  await assert.rejects(run('-3'), (e: Error) => e instanceof UsageError && /expected a weight > 0, but got -3/.test(e.message));
  await assert.rejects(run('x'), (e: Error) => e instanceof UsageError && /expected a number/.test(e.message));
});

test('genegan train --lr-decay-from: must be an iteration below --iterations', async () => {
  const run = (from: string) => command.run(['--data', 'd', '--out', 'o', '--iterations', '10', `--lr-decay-from=${from}`]);
  await assert.rejects(run('10'), (e: Error) => e instanceof UsageError && /--lr-decay-from: expected an iteration below --iterations 10, but got 10/.test(e.message));
  await assert.rejects(run('-1'), (e: Error) => e instanceof UsageError && /--lr-decay-from: expected an integer >= 0/.test(e.message));
});

test('genegan train --object-cycle 1 --swap-cycle 1 log both terms; without the flags they are 0', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'genegan-cli-train-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const data = path.join(root, 'data');
  await genegan('synth', '--out', data, '--count', '24', '--size', '64', '--seed', '2');
  const term = async (name: string, extra: string[]) => {
    const run = path.join(root, name);
    await genegan('train', '--data', data, '--out', `${run}-model`, '--run-dir', run, '--preset', 'tiny', '--iterations', '2', '--batch', '2', '--checkpoint-every', '2', '--json', ...extra);
    const rows = readFileSync(path.join(run, 'losses.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    return rows.flatMap((r) => [r.generator.objectCycle as number, r.generator.swapCycle as number]);
  };
  assert.deepEqual(await term('off', []), [0, 0, 0, 0]);
  const on = await term('on', ['--object-cycle', '1', '--swap-cycle', '1']);
  assert.ok(on.every((v) => v > 0), `expected positive objectCycle and swapCycle terms, but got ${on}`);
});

test('genegan train --reconstruction-weight 4 scales both logged reconstruction terms by 4 (same seed, same first iteration)', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'genegan-cli-train-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const data = path.join(root, 'data');
  await genegan('synth', '--out', data, '--count', '24', '--size', '64', '--seed', '2');
  const first = async (name: string, extra: string[]) => {
    const run = path.join(root, name);
    await genegan('train', '--data', data, '--out', `${run}-model`, '--run-dir', run, '--preset', 'tiny', '--iterations', '1', '--batch', '2', '--checkpoint-every', '1', '--json', ...extra);
    const row = JSON.parse(readFileSync(path.join(run, 'losses.jsonl'), 'utf8').trim().split('\n')[0]);
    return [row.generator.reconstructionAu as number, row.generator.reconstructionB0 as number];
  };
  const base = await first('base', []);
  const heavy = await first('heavy', ['--reconstruction-weight', '4']);
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(heavy[i] - 4 * base[i]) < 1e-5 * Math.max(1, heavy[i]), `expected ${heavy[i]} = 4 x ${base[i]}`);
});
