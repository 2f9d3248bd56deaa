import path from 'node:path';
import { tf, type Tensor } from '../backend/tf.ts';
import { assignVariables } from '../model/variables.ts';
import { MODEL_MANIFEST } from '../model/constants.ts';
import { inInferenceModel } from '../model/variables.ts';
import { readManifest } from '../model/loadModel.ts';
import { readWeights } from '../model/weightsIo.ts';
import type { Genegan } from '../model/types.ts';
import { readPackedGenerator } from '../quant/packed.ts';
import { unpackGenerator } from '../model/packed.ts';
import { UserError } from '../shared/errors.ts';

/** Network fields that must agree between the model file and the run (quantization may differ: a float model can start a QAT run). */
const SHAPE_FIELDS = ['imageSize', 'width', 'objectRatio'] as const;

/**
 * Starts a run from an inference model directory instead of a checkpoint (`genegan train
 * --init-from DIR`): copies its generator (encoder + decoder kernels, BN parameters and moving
 * statistics) into `model`. Critics, optimiser state and the data stream start fresh — the model
 * directory holds none of them — so this continues a generator whose run directory is lost
 * (docs/bundled-models.md), not an exact resume. A packed low-bit model starts from its
 * dequantized kernels (each weight on its level, as the packed generator computes with): the float
 * master weights of its own training are not in it, but these are the closest float weights there are.
 * @returns the model's iteration count (manifest "iterations"), where the run's count continues.
 */
export async function initFromModel(model: Genegan, dir: string): Promise<number> {
  const manifest = await readManifest(dir);
  const where = path.join(dir, MODEL_MANIFEST);
  for (const field of SHAPE_FIELDS) {
    if (manifest.config[field] !== model.config[field]) {
      throw new UserError('bad_model', `${where}: config.${field}: expected ${model.config[field]} (this run's preset), but got ${manifest.config[field]}`);
    }
  }
  const tensors = await (manifest.quantization?.packed === true ? readUnpacked(dir) : readWeights(dir, manifest.weightsManifest, where)).catch((err: Error) => {
    throw new UserError('bad_model', err.message, { cause: err });
  });
  try {
    assignVariables(model, tensors, where, inInferenceModel);
  } catch (err) {
    throw new UserError('bad_model', (err as Error).message, { cause: err });
  } finally {
    tf.dispose(Object.values(tensors));
  }
  const iterations = manifest.iterations;
  if (!Number.isInteger(iterations) || iterations < 0) throw new UserError('bad_model', `${where}: iterations: expected a non-negative integer, but got ${JSON.stringify(iterations)}`);
  return iterations;
}

/** A packed generator's weights as float tensors named like the inference model's variables. */
async function readUnpacked(dir: string): Promise<Record<string, Tensor>> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of unpackGenerator(await readPackedGenerator(dir))) out[name] = tf.tensor(t.values, t.shape);
  return out;
}

