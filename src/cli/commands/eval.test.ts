import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { command as evalCommand } from './eval.ts';
import { command as classifierCommand } from './classifier.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { UsageError } from '../types.ts';
import { UserError } from '../../shared/errors.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/genegan.js');
const MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../models/eyeglasses64');

const usage = (run: Promise<number>, pattern: RegExp) => assert.rejects(run, (e: Error) => e instanceof UsageError && pattern.test(e.message));

test('genegan eval: user mistakes are UsageErrors naming the flag', async () => {
  await usage(evalCommand.run(['--data', 'd']), /expected --model DIR, but it is missing/);
  await usage(evalCommand.run(['--model', 'm']), /expected --data DIR, but it is missing/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--n', '0']), /--n: expected an integer >= 1, but got "0"/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--ptq', 'balanced:9']), /--ptq: expected method:bits .* but got "balanced:9"/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--features', 'inception']), /--features: expected attrclf\|faceres or none, but got "inception"/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--split', 'dev']), /--split: expected train\|val\|test, but got "dev"/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--abits', '16']), /expected --abits 1..8 or 32, but got 16/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--counterfactual-scale', '1']), /expected --counterfactual-scale 0 or 2\.\.16, but got 1/);
  await usage(evalCommand.run(['--model', 'm', '--data', 'd', '--counterfactual-scale', 'x']), /--counterfactual-scale: expected an integer >= 0, but got "x"/);
});

test('genegan classifier: user mistakes are UsageErrors', async () => {
  await usage(classifierCommand.run([]), /expected "train" or "show", but got nothing/);
  await usage(classifierCommand.run(['train', '--data', 'd', '--attribute', 'Eyeglasses']), /expected --out, but it is missing/);
  await usage(classifierCommand.run(['train', '--data', 'd', '--attribute', 'A', '--out', 'o', '--kind', 'colour']), /expected --kind attribute\|factors, but got "colour"/);
  await usage(classifierCommand.run(['train', '--data', 'd', '--attribute', 'A', '--out', 'o', '--size', '96']), /expected --size 64 or 128, but got 96/);
});

test('genegan eval --help prints the usage; a missing model directory exits 2 with the file named', async () => {
  const help = await promisify(execFile)(process.execPath, [BIN, 'eval', '--help']);
  assert.match(help.stdout, /usage: genegan eval --model DIR/);
  const failed = await promisify(execFile)(process.execPath, [BIN, 'eval', '--model', '/nonexistent/model', '--data', '/nonexistent/data']).catch((e) => e as { code: number; stderr: string });
  assert.equal((failed as { code: number }).code, 2);
  assert.match((failed as { stderr: string }).stderr, /genegan eval: .*\/nonexistent\/model.*manifest\.json/);
});

test('eval --photos: bad flags and folders are clear user errors', async () => {
  await selectBackend({ log: () => {} });
  const work = await mkdtemp(path.join(tmpdir(), 'genegan-photos-'));
  try {
    const usage = (argv: string[], pattern: RegExp) => assert.rejects(evalCommand.run(argv), (e: Error) => pattern.test(e.message) && e instanceof UserError);
    await usage(['--photos', work], /expected --model DIR, but it is missing/);
    await usage(['--model', MODEL, '--exemplar', 'a.png'], /expected --photos DIR with --exemplar FILE, but --photos is missing/);
    await usage(['--model', MODEL, '--photos', path.join(work, 'nope')], /expected --photos DIR to be a folder of photos, but .*nope does not exist/);
    const empty = path.join(work, 'empty');
    await mkdir(empty);
    await writeFile(path.join(empty, 'notes.txt'), 'no photos here');
    await usage(['--model', MODEL, '--photos', empty], /expected \.jpg\/\.jpeg\/\.png\/\.webp photos in .*empty, but found none/);
    await usage(['--model', path.join(work, 'nomodel'), '--photos', empty], /nomodel: not a model directory/);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
