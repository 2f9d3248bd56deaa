/**
 * Starts a quantization-aware fine-tune run from a float run (docs/bundled-models.md): copies the
 * float run's newest checkpoint into TO/checkpoints and writes the QAT settings into its
 * checkpoint.json, so that `genegan train --run-dir TO --resume --quant M --wbits K --abits A`
 * continues the float weights, optimiser state and data position with fake-quantized generator
 * kernels (docs/quantization.md "Quantization-aware training"; the same route as bench/quantQat.ts).
 *
 *   node --import tsx scripts/prepareQatRun.ts --from runs/bundled/smiling/float \
 *        --to runs/bundled/smiling/qat-balanced-w4a4 --method balanced --wbits 4 --abits 4 [--preset compact64]
 *
 * Refuses to touch a TO that already holds checkpoints (resume that run instead). Prints the
 * iteration the fine-tune starts at.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { latestCheckpoint } from '../src/train/checkpoint.ts';
import { presetConfig } from '../src/model/presets.ts';
import { recipeByName } from '../src/train/recipes.ts';
import { trainingModelConfig } from '../src/train/train.ts';
import { QUANT_METHODS } from '../src/quant/types.ts';
import type { QuantMethod } from '../src/quant/types.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string' }, to: { type: 'string' }, method: { type: 'string', default: 'balanced' },
    wbits: { type: 'string', default: '4' }, abits: { type: 'string', default: '4' }, preset: { type: 'string', default: 'compact64' },
  },
});

function fail(message: string): never {
  process.stderr.write(`prepareQatRun: ${message}\n`);
  process.exit(2);
}

function bits(flag: 'wbits' | 'abits', allowFloat: boolean): number {
  const v = Number(values[flag]);
  if (!Number.isInteger(v) || ((v < 1 || v > 8) && !(allowFloat && v === 32))) fail(`--${flag}: expected 1..8${allowFloat ? ' or 32' : ''}, but got "${values[flag]}"`);
  return v;
}

if (values.from === undefined || values.to === undefined) fail('expected --from FLOAT_RUN_DIR and --to QAT_RUN_DIR');
const method = values.method as string;
if (!(QUANT_METHODS as readonly string[]).includes(method)) fail(`--method: expected one of ${QUANT_METHODS.join('|')}, but got "${method}"`);
const quant = { method: method as QuantMethod, wbits: bits('wbits', false), abits: bits('abits', true), floatFirstLast: true };

if ((await latestCheckpoint(values.to)) !== null) fail(`${values.to} already holds checkpoints; resume it with genegan train --resume`);
const source = await latestCheckpoint(values.from);
if (source === null) fail(`${values.from}: no checkpoint to start from`);
const meta = JSON.parse(await readFile(path.join(source, 'checkpoint.json'), 'utf8'));
// The config exactly as `genegan train --preset P --quant ...` builds it (its resume check compares JSON).
const config = trainingModelConfig({ ...presetConfig(values.preset as string), quant }, recipeByName(meta.recipe.name));
const target = path.join(values.to, 'checkpoints', path.basename(source));
await mkdir(path.dirname(target), { recursive: true });
await cp(source, target, { recursive: true });
await writeFile(path.join(target, 'checkpoint.json'), JSON.stringify({ ...meta, config }, null, 2));
process.stdout.write(`${meta.iteration}\n`);
