import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectImages } from '../upload/collectImages.ts';
import { HttpError } from '../httpError.ts';
import { toDataUrl } from './encodeImages.ts';
import { OUTPUT_FORMATS } from '../constants.ts';
import type { AlignMode, CompositeMode, EncodedInput, EncodedOutput, InferenceOp, InferenceResult, InferenceTask, OutputFormat } from './types.ts';

/** Fields every image route takes besides its files (schemas/common.ts). */
export interface ImageOpBody {
  model?: string;
  align?: AlignMode;
  faceIndex?: number;
  format?: OutputFormat;
  composite?: CompositeMode;
  output?: string;
}

/** The JSON answer common to the image routes, before each route picks its fields. */
export type ImageOpView = ReturnType<typeof jsonView>;

const IMAGE_TYPES = OUTPUT_FORMATS.map((f) => `image/${f}`);

/**
 * The main-thread half of an image route: pick the model (404), check the uploads (400/413/415/
 * 422), hand the bytes to a pool worker (503 when busy), then answer. A client that accepts
 * image/png, image/jpeg or image/webp before JSON gets one image and no JSON: `output` names it
 * (A0, Bu, Bu.crop, Bu.mask, grid; default the route's first output, as a photo when there is one).
 * Otherwise `shape` turns the common JSON view into the route's reply. Nothing here decodes pixels.
 */
export async function runImageOp<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  op: InferenceOp,
  files: { required: string[]; optional?: string[] },
  extra: Pick<InferenceTask, 'strength' | 'weights' | 'matrixSide'>,
  shape: (view: ImageOpView) => T,
): Promise<T | FastifyReply> {
  const started = performance.now();
  const body = request.body as ImageOpBody;
  const binary = binaryFormat(request);
  const model = app.models.get(body.model);
  const uploads = await collectImages(request, files.required, files.optional ?? [], app.config.uploads);
  const images = [...uploads.values()];
  const task: InferenceTask = {
    op, model: { id: model.id, dir: model.dir }, align: body.align ?? 'auto', faceIndex: body.faceIndex ?? null,
    composite: body.composite ?? 'residual', format: binary ?? body.format ?? null, maxPixels: app.config.uploads.maxPixels, images, ...extra,
  };
  const result = await app.pool.run<InferenceResult>('infer', task, images.map((i) => i.bytes.buffer as ArrayBuffer));
  const totalMs = performance.now() - started;
  if (binary) {
    const picked = pickImage(result, body.output);
    return reply.type(picked.type).header('x-run-ms', String(round(result.runMs))).send(Buffer.from(picked.bytes));
  }
  return shape(jsonView(model.id, task, result, totalMs));
}

/** image/png, image/jpeg or image/webp when the client prefers it to JSON; null for JSON. */
function binaryFormat(request: FastifyRequest): OutputFormat | null {
  const best = request.accepts().type(['application/json', ...IMAGE_TYPES]);
  return typeof best === 'string' && best.startsWith('image/') ? (best.slice('image/'.length) as OutputFormat) : null;
}

function pickImage(result: InferenceResult, output: string | undefined): { bytes: Uint8Array; type: string } {
  const names = Object.keys(result.outputs);
  const available = result.matrix ? ['grid'] : names.flatMap((n) => [n, `${n}.crop`, `${n}.mask`]);
  const wanted = output ?? (result.matrix ? 'grid' : names.includes('Bu') ? 'Bu' : names[0]);
  const [name, part] = wanted.split('.');
  const imageType = (format: OutputFormat) => `image/${format}`;
  if (result.matrix && wanted === 'grid') return { bytes: result.matrix.grid, type: imageType(result.formats.crop) };
  const out: EncodedOutput | undefined = result.outputs[name];
  if (out && part === undefined) return out.photo ? { bytes: out.photo, type: imageType(result.formats.photo) } : { bytes: out.crop, type: imageType(result.formats.crop) };
  if (out && part === 'crop') return { bytes: out.crop, type: imageType(result.formats.crop) };
  if (out && part === 'mask' && out.mask) return { bytes: out.mask, type: 'image/png' };
  throw new HttpError(400, 'bad_output', `field output: expected one of ${available.join(', ')}${part === 'mask' ? ' (masks exist only with composite=residual)' : ''}, but got "${wanted}"`);
}

function jsonView(modelId: string, task: InferenceTask, result: InferenceResult, totalMs: number) {
  const { crop, photo } = result.formats;
  return {
    model: modelId,
    align: task.align,
    composite: task.composite,
    format: crop,
    photoFormat: photo,
    inputs: Object.fromEntries(result.inputs.map((i) => [i.field, inputView(i, crop)])),
    outputs: Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, outputView(v, result.formats)])),
    matrix: result.matrix && {
      side: result.matrix.side,
      grid: toDataUrl(result.matrix.grid, crop),
      cells: result.matrix.cells.map((c) => ({ a: c.a, b: c.b, weights: c.weights, image: toDataUrl(c.image, crop) })),
    },
    timing: { queueMs: round(Math.max(0, totalMs - result.runMs)), runMs: round(result.runMs), totalMs: round(totalMs) },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function inputView(i: EncodedInput, format: OutputFormat) {
  return { crop: toDataUrl(i.crop, format), face: i.face, width: i.width, height: i.height };
}

function outputView(o: EncodedOutput, formats: InferenceResult['formats']) {
  return { crop: toDataUrl(o.crop, formats.crop), photo: o.photo && toDataUrl(o.photo, formats.photo), mask: o.mask && toDataUrl(o.mask, 'png') };
}
