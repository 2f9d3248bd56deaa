import { tf, type Tensor4D } from '../../backend/tf.ts';
import { swap } from '../../model/swap.ts';
import { remove } from '../../model/remove.ts';
import { addAttribute } from '../../model/addAttribute.ts';
import { matrix } from '../../model/matrix.ts';
import { decodeWithMixedObjects } from '../../model/decodeWithMixedObjects.ts';
import { pasteBack } from '../../face/pasteBack.ts';
import { prepareInput, type PreparedInput } from './prepareInput.ts';
import { batchToRgb, rgbToBatch } from './rgbTensors.ts';
import { encodeRgb } from './encodeRgb.ts';
import { composeGrid } from './composeGrid.ts';
import type { FacePipeline } from '../../face/createFacePipeline.ts';
import type { LoadedModel } from '../../model/loadModel.ts';
import type { Genegan } from '../../model/types.ts';
import type { RgbImage } from '../upload/types.ts';
import type { EncodedOutput, InferenceResult, InferenceTask, MatrixCell } from './types.ts';

export interface InferenceDeps {
  model(dir: string): Promise<LoadedModel>;
  faces(): Promise<FacePipeline>;
}

/** Generated crops by output name; `source` is the input whose photo each is pasted into. */
type Generated = Record<string, { crop: RgbImage; source: PreparedInput }>;

/**
 * One image request, start to finish, inside a pool worker: decode and align the inputs, run the
 * model op (src/model's swap / remove / addAttribute / mix / matrix, NHWC [0,1] batches), paste
 * results back into the photos (align auto) and encode everything in the requested format.
 */
export async function runInference(task: InferenceTask, deps: InferenceDeps): Promise<InferenceResult> {
  const started = performance.now();
  const { model } = await deps.model(task.model.dir);
  const size = model.config.imageSize;
  const inputs: PreparedInput[] = [];
  for (const upload of task.images) inputs.push(await prepareInput(upload, task, size, deps.faces));
  const batch = rgbToBatch(inputs.map((i) => i.crop));
  let generated: Generated;
  let grid: { side: number; cells: RgbImage[]; weights: number[][] } | null = null;
  try {
    if (task.op === 'transfer' && task.matrixSide !== undefined) {
      grid = await runMatrix(model, batch, task.matrixSide);
      generated = {};
    } else {
      generated = await runOp(model, batch, task, inputs);
    }
  } finally {
    batch.dispose();
  }
  return {
    inputs: await Promise.all(inputs.map(async (i) => ({ field: i.field, crop: await encodeRgb(i.crop, task.format), face: i.face, width: i.width, height: i.height }))),
    outputs: await encodeOutputs(generated, task),
    matrix: grid && (await encodeMatrix(grid, task)),
    runMs: performance.now() - started,
  };
}

async function runOp(model: Genegan, batch: Tensor4D, task: InferenceTask, inputs: PreparedInput[]): Promise<Generated> {
  const take = (start: number, count: number) => batch.slice([start, 0, 0, 0], [count, -1, -1, -1]) as Tensor4D;
  const named: Record<string, { tensor: Tensor4D; source: PreparedInput }> = {};
  tf.tidy(() => {
    if (task.op === 'swap') {
      const { a0, bu } = swap(model, take(0, 1), take(1, 1));
      named.A0 = { tensor: tf.keep(a0), source: inputs[0] };
      named.Bu = { tensor: tf.keep(bu), source: inputs[1] };
    } else if (task.op === 'remove') {
      named.A0 = { tensor: tf.keep(remove(model, take(0, 1))), source: inputs[0] };
    } else if (task.weights) {
      const mix = [task.weights.map((w) => w * (task.strength ?? 1))];
      named.Bu = { tensor: tf.keep(decodeWithMixedObjects(model, take(0, 1), take(1, 4), mix)), source: inputs[0] };
    } else {
      named.Bu = { tensor: tf.keep(addAttribute(model, take(0, 1), take(1, 1), task.strength ?? 1)), source: inputs[0] };
    }
  });
  const out: Generated = {};
  for (const [name, { tensor, source }] of Object.entries(named)) {
    out[name] = { crop: (await batchToRgb(tensor))[0], source };
    tensor.dispose();
  }
  return out;
}

async function runMatrix(model: Genegan, batch: Tensor4D, side: number) {
  const cellsTensor = tf.tidy(() => matrix(model, batch.slice([0, 0, 0, 0], [1, -1, -1, -1]) as Tensor4D, batch.slice([1, 0, 0, 0], [4, -1, -1, -1]) as Tensor4D, side));
  const cells = await batchToRgb(cellsTensor);
  cellsTensor.dispose();
  const weights = cells.map((_, k) => bilinear(Math.floor(k / side) / (side - 1), (k % side) / (side - 1)));
  return { side, cells, weights };
}

/** The matrix weights of src/model/matrix.ts for reporting: (1-a)(1-b), (1-a)b, a(1-b), ab. */
function bilinear(a: number, b: number): number[] {
  return [(1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b];
}

async function encodeOutputs(generated: Generated, task: InferenceTask): Promise<Record<string, EncodedOutput>> {
  const out: Record<string, EncodedOutput> = {};
  for (const [name, { crop, source }] of Object.entries(generated)) {
    const photo = source.photo && source.transform ? pasteBack(source.photo, { ...crop, channels: 3 }, source.transform) : null;
    out[name] = { crop: await encodeRgb(crop, task.format), photo: photo && (await encodeRgb(photo, task.format)) };
  }
  return out;
}

async function encodeMatrix(grid: { side: number; cells: RgbImage[]; weights: number[][] }, task: InferenceTask) {
  const side = grid.side;
  const cells: MatrixCell[] = [];
  for (let k = 0; k < grid.cells.length; k++) {
    cells.push({ a: Math.floor(k / side) / (side - 1), b: (k % side) / (side - 1), weights: grid.weights[k], image: await encodeRgb(grid.cells[k], task.format) });
  }
  return { side, grid: await encodeRgb(composeGrid(grid.cells, side), task.format), cells };
}
