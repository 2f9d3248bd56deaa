import { FaceError } from '../face/faceError.ts';
import { resizeMapping } from '../face/composite.ts';
import sharp from 'sharp';
import { MIN_NATIVE_SIDE } from './constants.ts';
import type { FacePipeline } from '../face/createFacePipeline.ts';
import type { Photo } from '../face/types.ts';
import type { EditRequest, PreparedInput, Rgb } from './types.ts';

/**
 * Brings one decoded input to the model's size. align "none": the image already is an aligned face,
 * so its centred square is resized (no stretching). align "auto": the faces are found (left to
 * right), faceIndex or the largest is picked and aligned onto the 5-point template (docs/face.md).
 * Residual composition also needs the face at a usable resolution in the photo (MIN_NATIVE_SIDE).
 * Throws FaceError (no_face 422, bad_index 400, face_too_small 422) naming the input.
 */
export async function prepareInput(
  input: EditRequest['images'][number],
  request: Pick<EditRequest, 'align' | 'faceIndex' | 'composite'>,
  size: number,
  faces: () => Promise<FacePipeline>,
): Promise<PreparedInput> {
  const image: Photo = { ...input.image, channels: 3, orientation: 1 };
  if (request.align === 'none') {
    const toModel = resizeMapping(image.width, image.height, size);
    return { name: input.name, image, crop: await resizeToSquare(image, size), face: null, toModel, nativeSide: Math.min(image.width, image.height) };
  }
  const { face, count } = await (await faces()).alignOne(image, { size, face: request.faceIndex ?? 'largest', name: input.name });
  const index = face.index;
  const nativeSide = size / face.transform.scale;
  if (request.composite === 'residual' && nativeSide < MIN_NATIVE_SIDE) {
    throw new FaceError('face_too_small', `${input.name}: expected a face at least ${MIN_NATIVE_SIDE} px across for composite=residual, but face ${index} is ${Math.round(nativeSide)} px (use a larger photo, or composite=replace)`);
  }
  return { name: input.name, image, crop: face.crop, face: { index, count, box: { ...face.box } }, toModel: face.transform.matrix, nativeSide };
}

/**
 * The centred square of an aligned face, resized to the model's size (the geometry resizeMapping
 * describes): cropping instead of stretching keeps the face's proportions; sharp's lanczos
 * resampling does not alias when a large image is brought down to 64 px.
 */
export async function resizeToSquare(image: Rgb, size: number): Promise<Rgb> {
  if (image.width === size && image.height === size) return image;
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(size, size, { fit: 'cover', position: 'centre' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}
