/**
 * Quantization-aware fine-tuning runs for docs/quantization.md: each variant starts from the newest
 * checkpoint of a float run (copied, with config.quant written into its checkpoint.json) and
 * continues it with `genegan train --resume --quant M --wbits K --abits A` for --extra iterations;
 * a 'float' variant continues the same checkpoint without quantization (the like-for-like float
 * reference). Writes runs/<prefix>-<variant> and models to runs/<prefix>-<variant>-model.
 *   node --import tsx bench/quantQat.ts --from runs/qexp/float --data data/synth20k --preset tiny
 *        --batch 16 --extra 300 [--variants float,balanced:2:32,uniform:2:32,...] [--prefix runs/qexp/ft]
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { latestCheckpoint } from '../src/train/checkpoint.ts';
import { validateConfig } from '../src/model/validateConfig.ts';
import type { QuantConfig, QuantMethod } from '../src/quant/types.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    data: { type: 'string' },
    preset: { type: 'string', default: 'tiny' },
    batch: { type: 'string', default: '16' },
    extra: { type: 'string', default: '300' },
    seed: { type: 'string', default: '3' },
    prefix: { type: 'string', default: 'runs/qexp/ft' },
    variants: { type: 'string', default: 'float,balanced:2:32,uniform:2:32,balanced:3:32,uniform:3:32,balanced:4:32,uniform:4:32,balanced:4:4,uniform:4:4' },
  },
});
if (values.from === undefined || values.data === undefined) throw new Error('expected --from RUN_DIR and --data DIR');
const source = await latestCheckpoint(values.from);
if (source === null) throw new Error(`${values.from}: no checkpoint`);
const meta = JSON.parse(await readFile(path.join(source, 'checkpoint.json'), 'utf8'));
const total = meta.iteration + Number(values.extra);

for (const variant of (values.variants as string).split(',')) {
  const [method, wbits, abits] = variant.split(':');
  const name = method === 'float' ? 'float' : `${method}-w${wbits}a${abits}`;
  const runDir = `${values.prefix}-${name}`;
  await rm(runDir, { recursive: true, force: true });
  await mkdir(path.join(runDir, 'checkpoints'), { recursive: true });
  const target = path.join(runDir, 'checkpoints', path.basename(source));
  await cp(source, target, { recursive: true });
  const quant: QuantConfig | undefined =
    method === 'float' ? undefined : { method: method as QuantMethod, wbits: Number(wbits), abits: Number(abits), floatFirstLast: true };
  // Key order and defaults as `genegan train` builds the config ({...preset, quant}, then the
  // recipe's critic fields): its resume check compares the JSON.
  const { imageSize, width, objectRatio, quant: _old, ...criticFields } = meta.config;
  const config = validateConfig({ imageSize, width, objectRatio, ...(quant === undefined ? {} : { quant }), ...criticFields });
  await writeFile(path.join(target, 'checkpoint.json'), JSON.stringify({ ...meta, config }, null, 2));
  const args = ['bin/genegan.js', 'train', '--data', values.data as string, '--out', `${runDir}-model`, '--run-dir', runDir, '--preset', values.preset as string,
    '--recipe', meta.recipe.name, '--batch', values.batch as string, '--iterations', String(total), '--resume', '--seed', values.seed as string,
    '--checkpoint-every', values.extra as string, '--sample-every', values.extra as string, '--keep', '1', '--json'];
  if (quant !== undefined) args.push('--quant', method, '--wbits', wbits, '--abits', abits);
  const t0 = Date.now();
  const r = spawnSync('node', args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name}: genegan train failed (${r.status}): ${r.stderr.slice(-500)}`);
  console.log(`${name}: ${meta.iteration} -> ${total} in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${r.stdout.trim().slice(0, 300)}`);
}
