import { tf, type Tensor4D } from '../backend/tf.ts';
import { swap } from '../model/swap.ts';
import { remove } from '../model/remove.ts';
import { addAttribute } from '../model/addAttribute.ts';
import { matrix } from '../model/matrix.ts';
import { decodeWithMixedObjects } from '../model/decodeWithMixedObjects.ts';
import { reconstruct } from '../model/reconstruct.ts';
import { applyChange, maskOnTarget, measureChange, type Change } from '../face/composite.ts';
import { pasteBack, type PasteMaskShape } from '../face/pasteBack.ts';
import { invertAffine } from '../face/similarityTransform.ts';
import { warpAffine } from '../face/warpAffine.ts';
import { PASTE_MASK } from '../face/constants.ts';
import { prepareInput } from './prepareInput.ts';
import { MAX_FACE_SIDE, MAX_MATRIX_CELL } from './constants.ts';
import type { FacePipeline } from '../face/createFacePipeline.ts';
import type { Affine2x3, RawImage } from '../face/types.ts';
import type { Genegan } from '../model/types.ts';
import type { EditRequest, EditResult, EditedImage, PreparedInput, Rgb } from './types.ts';

type FloatRgb = RawImage<Float32Array>;

/**
 * One edit, start to finish, on decoded images: bring the inputs to the model's size (aligning
 * faces in photos), run the model operation (swap, remove, transfer with a strength, a four-exemplar
 * mix or the matrix) and compose the answer (docs/face.md "Residual composition"):
 * - residual: each output's change against its own input's reconstruction, masked where it is
 *   significant, is added to the input at the input's own resolution, so the rest of the face
 *   keeps the photo's pixels;
 * - replace: the generated face itself, pasted back with the feathered ellipse.
 * The caller decodes and encodes; nothing here reads files or knows about HTTP.
 */
export async function editImages(model: Genegan, faces: () => Promise<FacePipeline>, request: EditRequest): Promise<EditResult> {
  const size = model.config.imageSize;
  const inputs: PreparedInput[] = [];
  for (const input of request.images) inputs.push(await prepareInput(input, request, size, faces));
  const batch = tf.tensor4d(toFloat(inputs.map((i) => i.crop)), [inputs.length, size, size, 3]);
  try {
    // Only the first input is ever edited by transfer (the target); swap edits both.
    const edited = request.op === 'swap' ? 2 : 1;
    const recon = request.composite === 'residual' ? await floatImages(tf.tidy(() => reconstruct(model, take(batch, 0, edited)))) : [];
    if (request.op === 'transfer' && request.matrixSide !== undefined && request.weights === undefined) {
      const cells = await floatImages(tf.tidy(() => matrix(model, take(batch, 0, 1), take(batch, 1, 4), request.matrixSide!)));
      const side = request.matrixSide;
      return {
        inputs,
        outputs: {},
        matrix: {
          side,
          cells: cells.map((cell) => composeCell(cell, recon[0], inputs[0], request.composite)),
          weights: cells.map((_, k) => bilinear(Math.floor(k / side) / (side - 1), (k % side) / (side - 1))),
        },
      };
    }
    const generated = await runOp(model, batch, request);
    const outputs: Record<string, EditedImage> = {};
    for (const [name, { image, input }] of Object.entries(generated)) {
      outputs[name] = request.composite === 'residual'
        ? composeResidual(image, recon[input], inputs[input], request.align, input)
        : composeReplace(image, inputs[input], request.align, input);
    }
    return { inputs, outputs, matrix: null };
  } finally {
    batch.dispose();
  }
}

/** The operation's outputs at the model's size, with the index of the input each one edits. */
async function runOp(model: Genegan, batch: Tensor4D, request: EditRequest): Promise<Record<string, { image: FloatRgb; input: number }>> {
  if (request.op === 'swap') {
    // Strength 1 is the plain swap; another strength scales A's object part on B: Dec(B, λ·x_A).
    const strength = request.strength ?? 1;
    const { a0, bu } = tf.tidy(() => strength === 1
      ? swap(model, take(batch, 0, 1), take(batch, 1, 1))
      : { a0: remove(model, take(batch, 0, 1)), bu: addAttribute(model, take(batch, 1, 1), take(batch, 0, 1), strength) });
    return { A0: { image: (await floatImages(a0))[0], input: 0 }, Bu: { image: (await floatImages(bu))[0], input: 1 } };
  }
  if (request.op === 'remove') return { A0: { image: (await floatImages(tf.tidy(() => remove(model, take(batch, 0, 1)))))[0], input: 0 } };
  const strength = request.strength ?? 1;
  const out = tf.tidy(() => request.weights
    ? decodeWithMixedObjects(model, take(batch, 0, 1), take(batch, 1, 4), [request.weights.map((w) => w * strength)])
    : addAttribute(model, take(batch, 0, 1), take(batch, 1, 1), strength));
  return { Bu: { image: (await floatImages(out))[0], input: 0 } };
}

function composeReplace(image: FloatRgb, input: PreparedInput, align: EditRequest['align'], index: number): EditedImage {
  const crop = toBytes(image);
  const photo = align === 'auto' ? pasteBack(input.image, image, { matrix: input.toModel, inverse: invertAffine(input.toModel) }) : null;
  return { input: index, crop, photo, mask: null };
}

function composeResidual(image: FloatRgb, recon: FloatRgb, input: PreparedInput, align: EditRequest['align'], index: number): EditedImage {
  const change = measureChange(image, recon);
  if (align === 'none') {
    const composed = applyChange(input.image, change, input.toModel);
    return { input: index, crop: rgb(composed), photo: null, mask: maskOnTarget(change, composed.width, composed.height, input.toModel) };
  }
  const composed = applyChange(input.image, change, input.toModel, { shape: PASTE_MASK });
  const side = Math.max(image.width, Math.min(MAX_FACE_SIDE, Math.round(input.nativeSide)));
  return { input: index, ...faceView(composed, change, input.toModel, image.width, side, PASTE_MASK), photo: rgb(composed) };
}

/** A matrix cell: replace keeps the model's output; residual shows the input's face with the cell's change. */
function composeCell(cell: FloatRgb, recon: FloatRgb | undefined, input: PreparedInput, composite: EditRequest['composite']): Rgb {
  if (composite === 'replace' || !recon) return toBytes(cell);
  const change = measureChange(cell, recon);
  const shape = input.face ? PASTE_MASK : undefined;
  const composed = applyChange(input.image, change, input.toModel, { shape });
  const side = Math.max(cell.width, Math.min(MAX_MATRIX_CELL, Math.round(input.nativeSide)));
  return faceView(composed, change, input.toModel, cell.width, side, shape).crop;
}

/**
 * The aligned face of an edited image at `side` px, and the change mask on it: the model's
 * alignment scaled by side / size (the template scales linearly with the crop side).
 */
function faceView(composed: Rgb, change: Change, toModel: Affine2x3, size: number, side: number, shape?: PasteMaskShape): { crop: Rgb; mask: RawImage<Uint8Array> } {
  const k = side / size;
  const toFace: Affine2x3 = [toModel[0].map((v) => v * k) as unknown as Affine2x3[0], toModel[1].map((v) => v * k) as unknown as Affine2x3[1]];
  const crop = rgb(warpAffine(composed, toFace, { width: side, height: side, border: 'replicate' }));
  const faceToModel: Affine2x3 = [[1 / k, 0, 0], [0, 1 / k, 0]];
  return { crop, mask: maskOnTarget(change, side, side, faceToModel, { shape }) };
}

const take = (batch: Tensor4D, start: number, count: number) => batch.slice([start, 0, 0, 0], [count, -1, -1, -1]) as Tensor4D;

/** The matrix weights of src/model/matrix.ts for reporting: (1-a)(1-b), (1-a)b, a(1-b), ab. */
function bilinear(a: number, b: number): number[] {
  return [(1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b];
}

/** Reads a batch NHWC [N,S,S,3] in [0,1] into N float images and disposes it. */
async function floatImages(batch: Tensor4D): Promise<FloatRgb[]> {
  const [n, height, width] = batch.shape;
  const values = await batch.data<'float32'>();
  batch.dispose();
  const step = width * height * 3;
  return Array.from({ length: n }, (_, k) => ({ data: values.slice(k * step, (k + 1) * step), width, height, channels: 3 }));
}

/** Same-sized 8-bit RGB images as one flat float array in [0, 1] (NHWC order). */
function toFloat(images: Rgb[]): Float32Array {
  const step = images[0].data.length;
  const flat = new Float32Array(images.length * step);
  images.forEach((img, n) => {
    for (let i = 0; i < step; i++) flat[n * step + i] = img.data[i] / 255;
  });
  return flat;
}

/** Float [0, 1] -> 8-bit, clipped and rounded. */
function toBytes(image: FloatRgb): Rgb {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(Math.min(1, Math.max(0, image.data[i])) * 255);
  return { data, width: image.width, height: image.height, channels: 3 };
}

function rgb(image: RawImage<Uint8Array>): Rgb {
  return { data: image.data, width: image.width, height: image.height, channels: 3 };
}
