import { PRESETS } from '../../model/presets.ts';
import { RECIPES } from '../../train/recipes.ts';
import { HttpError } from '../httpError.ts';
import type { TrainJobParams } from './types.ts';

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
