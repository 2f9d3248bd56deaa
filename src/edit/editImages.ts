import { tf, type Tensor4D } from '../backend/tf.ts';
import { decodeMixes, type LatentMix } from '../model/operations.ts';
import { matrixWeights } from '../model/operations.ts';
import { applyChange, maskOnTarget, measureChange, type Change, type ChangeMaskOptions } from '../face/composite.ts';
import { cropsToTensor } from '../face/cropsToTensor.ts';
import { pasteBack } from '../face/pasteBack.ts';
import { invertAffine } from '../face/similarityTransform.ts';
import { warpAffine } from '../face/warpAffine.ts';
import { CHANGE_MASK, PASTE_MASK } from '../face/constants.ts';
import { prepareInput } from './prepareInput.ts';
import { MAX_FACE_SIDE, MAX_MATRIX_CELL } from './constants.ts';
import type { FacePipeline } from '../face/createFacePipeline.ts';
import type { Affine2x3, RawImage } from '../face/types.ts';
import type { Generator } from '../model/types.ts';
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
export async function editImages(model: Generator, faces: () => Promise<FacePipeline>, request: EditRequest): Promise<EditResult> {
  const size = model.config.imageSize;
  const inputs: PreparedInput[] = [];
  for (const input of request.images) inputs.push(await prepareInput(input, request, size, faces));
  const plan = planMixes(request, inputs.length);
  const decoded = await floatImages(tf.tidy(() => decodeMixes(model, cropsToTensor(inputs.map((i) => i.crop)), plan.mixes)));
  const recon = (row: number | null): FloatRgb | undefined => (row === null ? undefined : decoded[row]);
  const mask = request.changeMask ?? CHANGE_MASK;
  if (plan.matrixSide !== null) {
    const side = plan.matrixSide;
    const cells = plan.outputs.map((o) => decoded[o.row]);
    return {
      inputs,
      outputs: {},
      matrix: {
        side,
        cells: cells.map((cell, k) => composeCell(cell, recon(plan.outputs[k].reference), inputs[0], plan.outputs[k].removes, mask)),
        weights: matrixWeights(side),
      },
    };
  }
  const outputs: Record<string, EditedImage> = {};
  for (const { name, row, input, reference, removes } of plan.outputs) {
    const reconstruction = recon(reference);
    outputs[name] = reconstruction
      ? composeResidual(decoded[row], reconstruction, inputs[input], request.align, input, removes, mask)
      : composeReplace(decoded[row], inputs[input], request.align, input);
  }
  return { inputs, outputs, matrix: null };
}

/**
 * The operation as rows of one decode (decodeMixes in src/model/operations.ts): each output is an input's
 * background part with a weighted sum of the inputs' object parts. Residual composition adds to
 * the same pass the reference each output's change is masked against: for an output that removes
 * the attribute (zero object part), its input's reconstruction Dec(background, x); for one that
 * adds it, Dec(background, 0), the input as GeneGAN represents a face without the attribute
 * (docs/face.md: an encoder that does not quite null a target's object part otherwise reconstructs
 * it with some of the attribute already on, and the mask misses that part of the edit).
 */
function planMixes(request: EditRequest, n: number) {
  const strength = request.strength ?? 1;
  const scaled = (i: number, value: number) => Array.from({ length: n }, (_, j) => (j === i ? value : 0));
  const mixes: LatentMix[] = [];
  const outputs: { name: string; row: number; input: number; reference: number | null; removes: boolean }[] = [];
  const add = (name: string, input: number, weights: number[]) => {
    outputs.push({ name, row: mixes.length, input, reference: null, removes: weights.every((w) => w === 0) });
    mixes.push({ background: input, weights });
  };
  let matrixSide: number | null = null;
  if (request.op === 'swap') {
    // A0 = Dec(A, 0); Bu = Dec(B, λ x_A), where λ = 1 is the plain swap.
    add('A0', 0, scaled(0, 0));
    add('Bu', 1, scaled(0, strength));
  } else if (request.op === 'remove') {
    add('A0', 0, scaled(0, 0));
  } else if (request.weights) {
    add('Bu', 0, [0, ...request.weights.map((w) => w * strength)]);
  } else if (request.matrixSide !== undefined) {
    matrixSide = request.matrixSide;
    matrixWeights(matrixSide).forEach((weights, k) => add(`cell${k}`, 0, [0, ...weights]));
  } else {
    add('Bu', 0, scaled(1, strength));
  }
  if (request.composite === 'residual') {
    const rows = new Map<string, number>();
    for (const output of outputs) {
      const key = `${output.input}:${output.removes}`;
      if (!rows.has(key)) {
        rows.set(key, mixes.length);
        mixes.push({ background: output.input, weights: scaled(output.input, output.removes ? 1 : 0) });
      }
      output.reference = rows.get(key)!;
    }
  }
  return { mixes, outputs, matrixSide };
}

function composeReplace(image: FloatRgb, input: PreparedInput, align: EditRequest['align'], index: number): EditedImage {
  const crop = toBytes(image);
  const photo = align === 'auto' ? pasteBack(input.image, image, { matrix: input.toModel, inverse: invertAffine(input.toModel) }) : null;
  return { input: index, crop, photo, mask: null };
}

function composeResidual(image: FloatRgb, recon: FloatRgb, input: PreparedInput, align: EditRequest['align'], index: number, removes: boolean, options: ChangeMaskOptions): EditedImage {
  const change = changeOf(image, recon, input, removes, options);
  if (align === 'none') {
    const composed = applyChange(input.image, change, input.toModel);
    return { input: index, crop: rgb(composed), photo: null, mask: maskOnTarget(change, composed.width, composed.height, input.toModel) };
  }
  const { composed, crop, mask } = composeFace(change, input, image.width, MAX_FACE_SIDE);
  return { input: index, crop, mask, photo: composed };
}

/** A matrix cell: replace keeps the model's output; residual shows the input's face with the cell's change. */
function composeCell(cell: FloatRgb, recon: FloatRgb | undefined, input: PreparedInput, removes: boolean, mask: ChangeMaskOptions): Rgb {
  if (!recon) return toBytes(cell);
  return composeFace(changeOf(cell, recon, input, removes, mask), input, cell.width, MAX_MATRIX_CELL).crop;
}

/**
 * An output that adds the attribute adds its change to everything the input has. One that removes
 * it is measured from the input itself (at the model's size): the input holds the attribute with
 * detail its reconstruction lacks (sharp frames), which only the output's own pixels take away;
 * under the mask the answer is then the output plus the input's detail finer than the model's
 * pixels, or where the change is strong the output alone (the mask's erase thresholds; docs/face.md
 * "Residual composition").
 */
function changeOf(image: FloatRgb, recon: FloatRgb, input: PreparedInput, removes: boolean, mask: ChangeMaskOptions): Change {
  return removes ? measureChange(image, recon, mask, input.crop) : measureChange(image, recon, mask);
}

/**
 * The change added to the whole input (within the paste ellipse for a face in a photo), and the
 * input's aligned face at its own resolution (at most maxSide, at least the model's size) with the
 * change mask on it: the model's alignment scaled by side / size (the template scales linearly).
 */
function composeFace(change: Change, input: PreparedInput, size: number, maxSide: number): { composed: Rgb; crop: Rgb; mask: RawImage<Uint8Array> } {
  const shape = input.face ? PASTE_MASK : undefined;
  // a face in a photo reached the model through the alignment's warp, an align=none image through a resize
  const composed = rgb(applyChange(input.image, change, input.toModel, { shape, modelInput: input.face ? 'warped' : 'resized' }));
  const side = Math.max(size, Math.min(maxSide, Math.round(input.nativeSide)));
  const k = side / size;
  const m = input.toModel;
  const toFace: Affine2x3 = [[m[0][0] * k, m[0][1] * k, m[0][2] * k], [m[1][0] * k, m[1][1] * k, m[1][2] * k]];
  const crop = rgb(warpAffine(composed, toFace, { width: side, height: side, border: 'replicate' }));
  const mask = maskOnTarget(change, side, side, [[1 / k, 0, 0], [0, 1 / k, 0]], { shape });
  return { composed, crop, mask };
}

/** Reads a batch NHWC [N,S,S,3] in [0,1] into N float images and disposes it. */
async function floatImages(batch: Tensor4D): Promise<FloatRgb[]> {
  const [n, height, width] = batch.shape;
  const values = await batch.data<'float32'>();
  batch.dispose();
  const step = width * height * 3;
  return Array.from({ length: n }, (_, k) => ({ data: values.slice(k * step, (k + 1) * step), width, height, channels: 3 }));
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
