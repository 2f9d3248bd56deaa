import { Type } from 'typebox';

/**
 * Every string has a maxLength and every number a maximum, so a request can never make the
 * server store, log or echo an unbounded value (the job row keeps its parameters).
 */
const MAX_PATH = 512;
const MAX_NAME = 64;
const MAX_SEED = 2 ** 31 - 1;
const MAX_ITERATIONS = 1_000_000;
/** Job ids are UUIDs (36 characters); a little room, no more. */
export const JobIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Losses = Type.Record(Type.String({ maxLength: MAX_NAME }), Type.Number());

export const JobProgressSchema = Type.Object({
  iteration: Type.Integer(),
  iterations: Type.Integer(),
  losses: Losses,
  rate: Type.Number({ description: 'iterations per second' }),
  etaSeconds: Type.Union([Type.Number(), Type.Null()]),
  phase: Type.String(),
});

export const JobSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('train'), Type.Literal('eval')]),
  state: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')]),
  params: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Union([JobProgressSchema, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  modelId: Type.Union([Type.String(), Type.Null()], { description: 'model registered by the finished job' }),
  attempts: Type.Integer({ description: 'starts so far; above 1 the job resumed from a checkpoint after a restart' }),
  resumedFrom: Type.Integer({ description: 'iteration the latest start resumed from' }),
  cancelRequested: Type.Boolean(),
  result: Type.Unknown({ description: 'evaluation jobs: the metrics (docs/eval.md); the report is at /v1/jobs/{id}/report' }),
});

export const JobWithHistory = Type.Object({
  job: JobSchema,
  history: Type.Array(Type.Object({ iteration: Type.Integer(), time: Type.String(), losses: Losses }), {
    description: 'generator losses over time (at most one point per second), for the loss plot',
  }),
});

export const JobList = Type.Object({ jobs: Type.Array(JobSchema) });

const Dataset = Type.Union([
  Type.Object({ path: Type.String({ minLength: 1, maxLength: MAX_PATH, description: 'a dataset directory under the server datasets root, in any layout openDataset reads (CelebA, Multi-PIE, folder, synthetic)' }) }, { additionalProperties: false }),
  Type.Object({
    synthetic: Type.Object({
      count: Type.Integer({ minimum: 16, maximum: 200_000, description: 'faces to draw with genegan synth' }),
      seed: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SEED })),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
]);

export const CreateJobBody = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('train'), Type.Literal('eval')], { default: 'train', description: 'train a model, or evaluate one (docs/eval.md)' })),
  dataset: Dataset,
  attribute: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_NAME, description: 'attribute column, e.g. Eyeglasses, Smiling, Bangs, Lit_Left (train: required; eval: default the model\'s)' })),
  // training
  preset: Type.Optional(Type.String({ maxLength: MAX_NAME, description: 'train: network preset (tiny, compact64, paper64, ...); default compact64' })),
  recipe: Type.Optional(Type.String({ maxLength: MAX_NAME, description: 'train: training recipe (paper or fast); default fast' })),
  iterations: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITERATIONS, description: 'train: required' })),
  batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SEED })),
  checkpointEvery: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITERATIONS })),
  sampleEvery: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITERATIONS })),
  maxRunSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 * 24 * 3600, description: "wall-clock limit of this job in seconds (at most the server's limit, default 24 h); the job then stops with a checkpoint and fails" })),
  quantization: Type.Optional(Type.Union([
    Type.Null(),
    Type.Object({
      method: Type.Union([Type.Literal('balanced'), Type.Literal('balanced-exact'), Type.Literal('uniform')]),
      wbits: Type.Integer({ minimum: 1, maximum: 8 }),
      abits: Type.Optional(Type.Integer({ minimum: 1, maximum: 32, description: '32 = float activations' })),
    }, { additionalProperties: false }),
  ], { description: 'train: quantization-aware training of the generator; null = float' })),
  name: Type.Optional(Type.String({ maxLength: MAX_NAME, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'train: id of the model the job registers' })),
  // evaluation
  model: Type.Optional(Type.String({ maxLength: MAX_NAME, description: 'eval: model id to evaluate (required)' })),
  split: Type.Optional(Type.Union([Type.Literal('train'), Type.Literal('val'), Type.Literal('test')], { description: 'eval: default test' })),
  pairs: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'eval: (Au, B0) pairs scored; default 300' })),
  quantized: Type.Optional(Type.Boolean({ description: 'eval: add post-training quantized variants (balanced/uniform, 2/3/4 bits); default false' })),
  classifier: Type.Optional(Type.String({ maxLength: MAX_PATH, description: 'eval: attribute classifier directory under the datasets root (genegan classifier train)' })),
}, { additionalProperties: false });
