import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { command, DEFAULT_RECIPE } from './train.ts';
import { RECIPES } from '../../train/recipes.ts';
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

type LossRow = { generator: Record<string, number> };

/**
 * A temporary directory (removed after the test) with 24 synthetic faces, and a function that trains
 * the tiny preset on them through the real CLI (seed 0, batch 2) and returns the run's losses.jsonl rows.
 */
async function tinyRuns(t: TestContext): Promise<(name: string, iterations: number, extra: string[]) => Promise<LossRow[]>> {
  const root = mkdtempSync(path.join(tmpdir(), 'genegan-cli-train-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const data = path.join(root, 'data');
  await genegan('synth', '--out', data, '--count', '24', '--size', '64', '--seed', '2');
  return async (name, iterations, extra) => {
    const run = path.join(root, name);
    const n = String(iterations);
    await genegan('train', '--data', data, '--out', `${run}-model`, '--run-dir', run, '--preset', 'tiny', '--iterations', n, '--batch', '2', '--checkpoint-every', n, '--json', ...extra);
    return readFileSync(path.join(run, 'losses.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LossRow);
  };
}

test('genegan train --object-cycle 1 --swap-cycle 1 log both terms; without the flags they are 0', async (t) => {
  const train = await tinyRuns(t);
  const term = async (name: string, extra: string[]) => (await train(name, 2, extra)).flatMap((r) => [r.generator.objectCycle, r.generator.swapCycle]);
  assert.deepEqual(await term('off', []), [0, 0, 0, 0]);
  const on = await term('on', ['--object-cycle', '1', '--swap-cycle', '1']);
  assert.ok(on.every((v) => v > 0), `expected positive objectCycle and swapCycle terms, but got ${on}`);
});

test('genegan train --reconstruction-weight 4 scales both logged reconstruction terms by 4 (same seed, same first iteration)', async (t) => {
  const train = await tinyRuns(t);
  const first = async (name: string, extra: string[]) => {
    const [row] = await train(name, 1, extra);
    return [row.generator.reconstructionAu, row.generator.reconstructionB0];
  };
  const base = await first('base', []);
  const heavy = await first('heavy', ['--reconstruction-weight', '4']);
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(heavy[i] - 4 * base[i]) < 1e-5 * Math.max(1, heavy[i]), `expected ${heavy[i]} = 4 x ${base[i]}`);
});

test('genegan train --parallelogram-weight: 0 switches the term off, twice the recipe\'s weight doubles the term; negative is a usage error', async (t) => {
  await assert.rejects(command.run(['--data', 'd', '--out', 'o', '--parallelogram-weight=-1']), (e: Error) => e instanceof UsageError && /--parallelogram-weight: expected a weight >= 0, but got -1/.test(e.message));
  const train = await tinyRuns(t);
  const first = async (name: string, extra: string[]) => (await train(name, 1, extra))[0].generator.parallelogram;
  const base = await first('base', []);
  assert.ok(base > 0, `expected the default run to log a parallelogram term > 0, but got ${base}`);
  assert.equal(await first('off', ['--parallelogram-weight', '0']), 0);
  const double = await first('double', ['--parallelogram-weight', String(2 * RECIPES[DEFAULT_RECIPE].weights.parallelogram)]);
  assert.ok(Math.abs(double - 2 * base) < 1e-5 * Math.max(1, double), `expected ${double} = 2 x ${base}`);
});

test('genegan train --fakes residual: the critics see other images (the adversarial term moves, reconstruction does not); bad values are usage errors', async (t) => {
  const run = (...extra: string[]) => command.run(['--data', 'd', '--out', 'o', ...extra]);
  await assert.rejects(run('--fakes', 'blended'), (e: Error) => e instanceof UsageError && /--fakes: expected decoded or residual, but got "blended"/.test(e.message));
  await assert.rejects(run('--change-mask', '0.01,0.03'), (e: Error) => e instanceof UsageError && /--change-mask needs --fakes residual/.test(e.message));
  await assert.rejects(run('--fakes', 'residual', '--change-mask', '0.03,0.01'), (e: Error) => e instanceof UsageError && /expected LOW,HIGH with 0 <= LOW < HIGH, but got "0.03,0.01"/.test(e.message));
  const train = await tinyRuns(t);
  const first = async (name: string, extra: string[]) => (await train(name, 1, extra))[0].generator;
  const base = await first('base', []);
  const residual = await first('residual', ['--fakes', 'residual', '--change-mask', '0,0.01']);
  assert.equal(residual.reconstructionAu, base.reconstructionAu);
  assert.notEqual(residual.adversarial, base.adversarial);
});
