/**
 * A helper thread of createParallelGradients: its own tfjs backend (wasm by default) and its own
 * copy of the model. Each request carries the current weights and a share of the batch; the reply
 * carries that share's gradients, losses, state proposals (and fakes), as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { tf } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { createGenegan } from '../../model/createGenegan.ts';
import type { Genegan } from '../../model/types.ts';
import { computeCriticGradients } from '../criticStep.ts';
import { computeGeneratorGradients } from '../generatorStep.ts';
import type { StepGradients, Fakes } from '../types.ts';
import { buffersOf, packTensor, packTensors, unpackTensor, type PackedStep, type PackedTensors, type WorkerRequest, type WorkerResponse } from './messages.ts';

if (parentPort === null) throw new Error('gradientWorker.ts must run in a worker thread');
const port = parentPort;
let model: Genegan | null = null;

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (step) => reply({ id: request.id, ok: true, step }, step),
    (err: unknown) => reply({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});

function reply(response: WorkerResponse, step?: PackedStep): void {
  const transfer = step === undefined ? [] : buffersOf([...Object.values(step.grads), ...Object.values(step.stateUpdates), step.fakes?.bu, step.fakes?.a0]);
  port.postMessage(response, transfer);
}

async function handle(request: WorkerRequest): Promise<PackedStep | undefined> {
  if (request.kind === 'init') {
    await selectBackend({ force: request.backend, log: () => {} });
    model?.dispose();
    model = createGenegan(request.model);
    return undefined;
  }
  if (model === null) throw new Error('expected an init request first');
  const m = model;
  setWeights(m, request.weights);
  const au = unpackTensor(request.au) as tf.Tensor4D;
  const b0 = unpackTensor(request.b0) as tf.Tensor4D;
  const fakes = request.kind === 'critic' && request.fakes !== undefined
    ? { bu: unpackTensor(request.fakes.bu) as tf.Tensor4D, a0: unpackTensor(request.fakes.a0) as tf.Tensor4D }
    : undefined;
  try {
    const step = request.kind === 'generator'
      ? computeGeneratorGradients(m, au, b0, request.recipe, { keepFakes: request.keepFakes })
      : computeCriticGradients(m, au, b0, request.recipe, fakes);
    return packStep(step);
  } finally {
    tf.dispose([au, b0]);
    if (fakes !== undefined) tf.dispose([fakes.bu, fakes.a0]);
  }
}

/** Copies the weights the main thread sent (by stable name; a step's groups only) into this thread's model. */
function setWeights(m: Genegan, weights: PackedTensors): void {
  const byName = new Map(m.entries().map((e) => [e.name, e.variable]));
  tf.tidy(() => {
    for (const [name, w] of Object.entries(weights)) {
      const variable = byName.get(name);
      if (variable === undefined) throw new Error(`weights for "${name}", which this model does not have`);
      variable.assign(tf.tensor(w.values, w.shape, 'float32'));
    }
  });
}

/** Packs a step's tensors (and disposes them). */
function packStep(step: StepGradients & { fakes?: Fakes }): PackedStep {
  try {
    return {
      losses: step.losses,
      grads: packTensors(step.grads),
      stateUpdates: packTensors(step.stateUpdates),
      fakes: step.fakes === undefined ? undefined : { bu: packTensor(step.fakes.bu), a0: packTensor(step.fakes.a0) },
    };
  } finally {
    tf.dispose([...Object.values(step.grads), ...Object.values(step.stateUpdates)]);
    if (step.fakes !== undefined) tf.dispose([step.fakes.bu, step.fakes.a0]);
  }
}
