import { HttpError } from '../httpError.ts';
import type { ModelInfo } from '../models/types.ts';
import type { EvalJobParams, TrainJobParams } from './types.ts';

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
