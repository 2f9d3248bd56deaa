import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectImages } from '../upload/collectImages.ts';
import { toDataUrl } from './toDataUrl.ts';
import type { AlignMode, EncodedInput, EncodedOutput, InferenceOp, InferenceResult, InferenceTask, OutputFormat } from './types.ts';

/** Fields every image route takes besides its files (schemas/common.ts). */
export interface ImageOpBody {
  model?: string;
  align?: AlignMode;
  faceIndex?: number;
  format?: OutputFormat;
}

/**
 * The main-thread half of an image route: pick the model (404), check the uploads (400/413/415/
 * 422), hand the bytes to a pool worker (503 when busy), and turn its encoded images into data
 * URLs. Nothing here decodes pixels or runs a model.
 */
export async function runImageOp(
  app: FastifyInstance,
  request: FastifyRequest,
  op: InferenceOp,
  files: { required: string[]; optional?: string[] },
  extra: Pick<InferenceTask, 'strength' | 'weights' | 'matrixSide'> = {},
) {
  const started = performance.now();
  const body = request.body as ImageOpBody;
  const model = app.models.get(body.model);
  const uploads = await collectImages(request, files.required, files.optional ?? [], app.config.uploads);
  const images = [...uploads.values()];
  const format = body.format ?? 'png';
  const task: InferenceTask = {
    op, model: { id: model.id, dir: model.dir }, align: body.align ?? 'auto', faceIndex: body.faceIndex ?? null,
    format, maxPixels: app.config.uploads.maxPixels, images, ...extra,
  };
  const result = await app.pool.run<InferenceResult>('infer', task, images.map((i) => i.bytes.buffer as ArrayBuffer));
  const totalMs = performance.now() - started;
  return {
    model: model.id,
    align: task.align,
    format,
    inputs: Object.fromEntries(result.inputs.map((i) => [i.field, inputView(i, format)])),
    outputs: Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, outputView(v, format)])),
    matrix: result.matrix && {
      side: result.matrix.side,
      grid: toDataUrl(result.matrix.grid, format),
      cells: result.matrix.cells.map((c) => ({ a: c.a, b: c.b, weights: c.weights, image: toDataUrl(c.image, format) })),
    },
    timing: { queueMs: round(Math.max(0, totalMs - result.runMs)), runMs: round(result.runMs), totalMs: round(totalMs) },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function inputView(i: EncodedInput, format: OutputFormat) {
  return { crop: toDataUrl(i.crop, format), face: i.face, width: i.width, height: i.height };
}

function outputView(o: EncodedOutput, format: OutputFormat) {
  return { crop: toDataUrl(o.crop, format), photo: o.photo && toDataUrl(o.photo, format) };
}
