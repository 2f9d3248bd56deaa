import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { tf, type NamedTensorMap } from '../backend/tf.ts';
import { assignVariables } from '../model/variables.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { weightsOf } from '../model/variables.ts';
import { readWeights, writeWeights } from '../model/weightsIo.ts';
import type { Genegan } from '../model/types.ts';
import { replaceDir, writeFileAtomic } from '../shared/files.ts';
import {
  CHECKPOINTS_DIR,
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_META,
  CHECKPOINT_PREFIX,
  CHECKPOINT_WEIGHTS,
  CRITIC_OPTIMIZER_PREFIX,
  GENERATOR_OPTIMIZER_PREFIX,
} from './constants.ts';
import type { Optimizer } from './createOptimizer.ts';
import type { CheckpointMeta } from './types.ts';

/** Digits of the iteration in a checkpoint's directory name (sorts lexically). */
const ITERATION_DIGITS = 8;

export interface TrainingState {
  model: Genegan;
  generatorOptimizer: Optimizer;
  criticOptimizer: Optimizer;
}

/**
 * Writes runDir/checkpoints/ckpt-<iteration>/ (checkpoint.json + weights.bin with every model
 * variable and both optimisers' slots) into a temporary directory renamed into place, then removes
 * all but the newest `keep`. @returns the checkpoint's directory.
 */
export async function writeCheckpoint(runDir: string, state: TrainingState, meta: Omit<CheckpointMeta, 'formatVersion' | 'kind' | 'weightsManifest'>, keep: number): Promise<string> {
  const root = path.join(runDir, CHECKPOINTS_DIR);
  const dir = path.join(root, `${CHECKPOINT_PREFIX}${String(meta.iteration).padStart(ITERATION_DIGITS, '0')}`);
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const slots = { ...prefixed(GENERATOR_OPTIMIZER_PREFIX, state.generatorOptimizer.state()), ...prefixed(CRITIC_OPTIMIZER_PREFIX, state.criticOptimizer.state()) };
  try {
    const weightsManifest = await writeWeights(tmp, CHECKPOINT_WEIGHTS, { ...weightsOf(state.model, () => true), ...slots });
    const full: CheckpointMeta = { formatVersion: CHECKPOINT_FORMAT_VERSION, kind: 'genegan-checkpoint', ...meta, weightsManifest };
    await writeFileAtomic(path.join(tmp, CHECKPOINT_META), JSON.stringify(full, null, 2) + '\n');
  } finally {
    tf.dispose(Object.values(slots));
  }
  await replaceDir(tmp, dir);
  await prune(root, keep);
  return dir;
}

/** The newest complete checkpoint directory of a run, or null. */
export async function latestCheckpoint(runDir: string): Promise<string | null> {
  const all = await listCheckpoints(path.join(runDir, CHECKPOINTS_DIR));
  return all.length === 0 ? null : path.join(runDir, CHECKPOINTS_DIR, all[all.length - 1]);
}

/** Reads and checks a checkpoint's checkpoint.json (errors name the file). */
export async function readCheckpointMeta(dir: string): Promise<CheckpointMeta> {
  const file = path.join(dir, CHECKPOINT_META);
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(await readFile(file, 'utf8')) as CheckpointMeta;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`${file}: ${e.code === 'ENOENT' ? 'missing' : `not valid JSON (${e.message})`}`);
  }
  if (meta.kind !== 'genegan-checkpoint' || meta.formatVersion !== CHECKPOINT_FORMAT_VERSION) {
    throw new Error(`${file}: expected a genegan checkpoint of format ${CHECKPOINT_FORMAT_VERSION}, but got kind ${JSON.stringify(meta.kind)} format ${JSON.stringify(meta.formatVersion)}`);
  }
  if (!Number.isInteger(meta.iteration) || meta.iteration < 0) throw new Error(`${file}: iteration: expected an integer >= 0, but got ${JSON.stringify(meta.iteration)}`);
  return meta;
}

/** Restores every model variable and both optimisers from a checkpoint written by writeCheckpoint. */
export async function restoreCheckpoint(dir: string, meta: CheckpointMeta, state: TrainingState): Promise<void> {
  const where = path.join(dir, CHECKPOINT_META);
  const tensors = await readWeights(dir, meta.weightsManifest, where);
  try {
    assignVariables(state.model, tensors, where, () => true);
    state.generatorOptimizer.restore(unprefixed(GENERATOR_OPTIMIZER_PREFIX, tensors));
    state.criticOptimizer.restore(unprefixed(CRITIC_OPTIMIZER_PREFIX, tensors));
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/**
 * The model of a checkpoint (generator and critics, with their running state), without its
 * optimisers: for diagnostics that read a run (e.g. the critics' scores in docs/training.md).
 */
export async function checkpointModel(dir: string): Promise<{ model: Genegan; meta: CheckpointMeta }> {
  const meta = await readCheckpointMeta(dir);
  const where = path.join(dir, CHECKPOINT_META);
  const tensors = await readWeights(dir, meta.weightsManifest, where);
  const model = createGenegan(meta.config);
  try {
    assignVariables(model, tensors, where, () => true);
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return { model, meta };
}

async function listCheckpoints(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${CHECKPOINT_PREFIX}\\d{${ITERATION_DIGITS}}$`);
  return names.filter((n) => pattern.test(n)).sort();
}

async function prune(root: string, keep: number): Promise<void> {
  const all = await listCheckpoints(root);
  for (const name of all.slice(0, Math.max(0, all.length - keep))) await rm(path.join(root, name), { recursive: true, force: true });
}

function prefixed(prefix: string, map: NamedTensorMap): NamedTensorMap {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [prefix + k, v]));
}

function unprefixed(prefix: string, map: NamedTensorMap): NamedTensorMap {
  return Object.fromEntries(Object.entries(map).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}
