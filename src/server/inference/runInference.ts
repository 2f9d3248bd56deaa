import { editImages } from '../../edit/editImages.ts';
import { changeMaskOf } from '../../edit/changeMask.ts';
import { decodeUpload } from '../upload/decodeUpload.ts';
import { encodeRgb, encodeGrey } from './encodeImages.ts';
import { composeGrid } from './composeGrid.ts';
import type { FacePipeline } from '../../face/createFacePipeline.ts';
import type { LoadedModel } from '../../model/loadModel.ts';
import type { EditResult } from '../../edit/types.ts';
import type { EncodedOutput, InferenceResult, InferenceTask, MatrixCell, OutputFormat } from './types.ts';

export interface InferenceDeps {
  model(dir: string): Promise<LoadedModel>;
  faces(): Promise<FacePipeline>;
}

/**
 * One image request, start to finish, inside a pool worker: decode the uploads, edit them
 * (src/edit: align, model operation, residual or replace composition) and encode every image.
 * Faces and crops default to PNG, whole photos to JPEG (a 2 MP photo is ~0.5 MB instead of ~5 MB);
 * an explicit `format` applies to all. Masks are always PNG.
 */
export async function runInference(task: InferenceTask, deps: InferenceDeps): Promise<InferenceResult> {
  const started = performance.now();
  const { model, manifest } = await deps.model(task.model.dir);
  // sharp decodes and encodes on libuv's threads: started together, the two photos use both cores.
  // Settled in field order, so a bad upload is reported by the first bad field, whichever fails first.
  const decoded = await Promise.allSettled(task.images.map((upload) => decodeUpload(upload, task.maxPixels)));
  const images = decoded.map((d, k) => {
    if (d.status === 'rejected') throw d.reason;
    return { name: `field ${task.images[k].field}`, image: { ...d.value, channels: 3 as const } };
  });
  // A FaceError (no face, bad index, face too small) carries its 4xx status through serializeError.
  const edited: EditResult = await editImages(model, deps.faces, {
    op: task.op, images, align: task.align, faceIndex: task.faceIndex, composite: task.composite, changeMask: changeMaskOf(manifest),
    strength: task.strength, weights: task.weights, matrixSide: task.matrixSide,
  });
  const cropFormat: OutputFormat = task.format ?? 'png';
  const photoFormat: OutputFormat = task.format ?? 'jpeg';
  const encodedOutputs = Promise.all(
    Object.entries(edited.outputs).map(async ([name, out]): Promise<[string, EncodedOutput]> => {
      const [crop, photo, mask] = await Promise.all([encodeRgb(out.crop, cropFormat), out.photo && encodeRgb(out.photo, photoFormat), out.mask && encodeGrey(out.mask)]);
      return [name, { crop, photo, mask }];
    }),
  );
  const encodedInputs = Promise.all(edited.inputs.map(async (i, k) => ({ field: task.images[k].field, crop: await encodeRgb(i.crop, cropFormat), face: i.face, width: i.image.width, height: i.image.height })));
  const [inputs, outputs, matrix] = await Promise.all([encodedInputs, encodedOutputs, edited.matrix && encodeMatrix(edited.matrix, cropFormat)]);
  return {
    inputs,
    outputs: Object.fromEntries(outputs),
    matrix,
    formats: { crop: cropFormat, photo: photoFormat },
    runMs: performance.now() - started,
  };
}

async function encodeMatrix(grid: NonNullable<EditResult['matrix']>, format: OutputFormat) {
  const side = grid.side;
  const cells: Promise<MatrixCell>[] = grid.cells.map(async (cell, k) => ({ a: Math.floor(k / side) / (side - 1), b: (k % side) / (side - 1), weights: grid.weights[k], image: await encodeRgb(cell, format) }));
  const [image, encoded] = await Promise.all([encodeRgb(composeGrid(grid.cells, side), format), Promise.all(cells)]);
  return { side, grid: image, cells: encoded };
}
