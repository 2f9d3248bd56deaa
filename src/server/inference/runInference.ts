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
  const images = [];
  for (const upload of task.images) images.push({ name: `field ${upload.field}`, image: { ...(await decodeUpload(upload, task.maxPixels)), channels: 3 } });
  // A FaceError (no face, bad index, face too small) carries its 4xx status through serializeError.
  const edited: EditResult = await editImages(model, deps.faces, {
    op: task.op, images, align: task.align, faceIndex: task.faceIndex, composite: task.composite, changeMask: changeMaskOf(manifest),
    strength: task.strength, weights: task.weights, matrixSide: task.matrixSide,
  });
  const cropFormat: OutputFormat = task.format ?? 'png';
  const photoFormat: OutputFormat = task.format ?? 'jpeg';
  const outputs: Record<string, EncodedOutput> = {};
  for (const [name, out] of Object.entries(edited.outputs)) {
    outputs[name] = {
      crop: await encodeRgb(out.crop, cropFormat),
      photo: out.photo && (await encodeRgb(out.photo, photoFormat)),
      mask: out.mask && (await encodeGrey(out.mask)),
    };
  }
  return {
    inputs: await Promise.all(edited.inputs.map(async (i, k) => ({ field: task.images[k].field, crop: await encodeRgb(i.crop, cropFormat), face: i.face, width: i.image.width, height: i.image.height }))),
    outputs,
    matrix: edited.matrix && (await encodeMatrix(edited.matrix, cropFormat)),
    formats: { crop: cropFormat, photo: photoFormat },
    runMs: performance.now() - started,
  };
}

async function encodeMatrix(grid: NonNullable<EditResult['matrix']>, format: OutputFormat) {
  const side = grid.side;
  const cells: MatrixCell[] = [];
  for (let k = 0; k < grid.cells.length; k++) {
    cells.push({ a: Math.floor(k / side) / (side - 1), b: (k % side) / (side - 1), weights: grid.weights[k], image: await encodeRgb(grid.cells[k], format) });
  }
  return { side, grid: await encodeRgb(composeGrid(grid.cells, side), format), cells };
}
