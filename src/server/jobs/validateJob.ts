import { PRESETS } from '../../model/presets.ts';
import { RECIPES } from '../../train/recipes.ts';
import { HttpError } from '../httpError.ts';
import type { ModelInfo } from '../models/types.ts';
import type { JobRunnerOptions } from '../types.ts';
import type { EvalJobParams, TrainJobParams } from './types.ts';

// What a new job must pass: its parameters (what the schema cannot check; routes/jobs.ts), then
// this server's limits (in either job backend, when the job is submitted).

export interface CreateJobInput extends Omit<TrainJobParams, 'modelId' | 'preset' | 'recipe'> {
  preset?: string;
  recipe?: string;
  name?: string;
}

/**
 * Checks what the schema cannot (preset and recipe names, a free model id) and fills defaults
 * on a copy. `taken` tells whether a model id is already used by a model or an unfinished job.
 */
export function validateTrainParams(input: CreateJobInput, jobId: string, taken: (id: string) => boolean): TrainJobParams {
  const preset = input.preset ?? 'compact64';
  const recipe = input.recipe ?? 'fast';
  if (!Object.hasOwn(PRESETS, preset)) throw new HttpError(400, 'bad_field', `field preset: expected one of ${Object.keys(PRESETS).join(', ')}, but got "${preset}"`);
  if (!Object.hasOwn(RECIPES, recipe)) throw new HttpError(400, 'bad_field', `field recipe: expected one of ${Object.keys(RECIPES).join(', ')}, but got "${recipe}"`);
  const modelId = input.name ?? `${input.attribute.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${preset}-${jobId.slice(0, 8)}`;
  if (taken(modelId)) throw new HttpError(409, 'name_taken', `field name: expected a new model id, but "${modelId}" is already used by a model or a running job`);
  const { name: _name, ...rest } = input;
  return { ...rest, preset, recipe, modelId };
}

export interface CreateEvalInput {
  dataset: TrainJobParams['dataset'];
  model?: string;
  attribute?: string;
  split?: EvalJobParams['split'];
  pairs?: number;
  quantized?: boolean;
  classifier?: string;
  maxRunSeconds?: number;
}

const EVAL_DEFAULT_PAIRS = 300;

/** An evaluation job's parameters: the model must be served here; defaults on a copy. */
export function validateEvalParams(input: CreateEvalInput, getModel: (id: string) => ModelInfo): EvalJobParams {
  if (input.model === undefined) throw new HttpError(400, 'missing_field', 'field model: expected the id of the model to evaluate, but got nothing');
  const model = getModel(input.model);
  return {
    dataset: input.dataset, model: model.id, attribute: input.attribute ?? model.attribute ?? undefined,
    split: input.split ?? 'test', pairs: input.pairs ?? EVAL_DEFAULT_PAIRS, quantized: input.quantized ?? false,
    classifier: input.classifier, imageSize: model.imageSize,
    ...(input.maxRunSeconds === undefined ? {} : { maxRunSeconds: input.maxRunSeconds }),
  };
}

const gb = (b: number) => `${(b / 1024 ** 3).toFixed(2)} GB`;

/** The limits a new job must pass in either backend: its time limit (400), the queue cap (429), the disk budget (507). */
export function checkSubmit(params: TrainJobParams | EvalJobParams, options: JobRunnerOptions, queued: number, diskBytes: number): void {
  if (params.maxRunSeconds !== undefined && params.maxRunSeconds > options.maxRunSeconds) {
    throw new HttpError(400, 'bad_field', `field maxRunSeconds: expected at most this server's limit of ${options.maxRunSeconds}, but got ${params.maxRunSeconds}`);
  }
  if (queued >= options.maxQueued) {
    throw new HttpError(429, 'queue_full', `jobs: expected fewer than ${options.maxQueued} queued jobs, but ${queued} are waiting; retry when one has started, or cancel one`);
  }
  if (options.diskBudgetBytes > 0 && diskBytes > options.diskBudgetBytes) {
    throw new HttpError(507, 'disk_budget', `jobs: expected the data directory to be within its budget of ${gb(options.diskBudgetBytes)}, but it holds ${gb(diskBytes)}; delete finished jobs (DELETE /v1/jobs/{id}) to free space`);
  }
}
