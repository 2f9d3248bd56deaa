import { decodeUpload } from '../upload/decodeUpload.ts';
import { resizeToSquare } from './resizeToSquare.ts';
import { HttpError } from '../httpError.ts';
import { isFaceError } from '../../face/faceError.ts';
import type { FacePipeline } from '../../face/createFacePipeline.ts';
import type { Photo, SimilarityTransform } from '../../face/types.ts';
import type { ImageUpload, RgbImage } from '../upload/types.ts';
import type { FaceLocation, InferenceTask } from './types.ts';

/** One input brought to the model's size, with what paste-back needs when it came from a photo. */
export interface PreparedInput {
  field: string;
  /** size x size RGB, what the model sees. */
  crop: RgbImage;
  face: FaceLocation | null;
  /** The decoded, upright photo (align auto), for paste-back. */
  photo: Photo | null;
  transform: SimilarityTransform | null;
  width: number;
  height: number;
}

/**
 * Decodes one upload and brings it to the model's size: align "none" resizes an already aligned
 * face; align "auto" finds the faces (left to right), picks faceIndex or the largest, and aligns
 * it onto the 5-point template (src/face). Face errors become HTTP errors naming the field.
 */
export async function prepareInput(
  upload: ImageUpload,
  task: Pick<InferenceTask, 'align' | 'faceIndex' | 'maxPixels'>,
  size: number,
  faces: () => Promise<FacePipeline>,
): Promise<PreparedInput> {
  const rgb = await decodeUpload(upload, task.maxPixels);
  const base = { field: upload.field, width: rgb.width, height: rgb.height };
  if (task.align === 'none') return { ...base, crop: await resizeToSquare(rgb, size), face: null, photo: null, transform: null };
  const photo: Photo = { ...rgb, channels: 3, orientation: 1 };
  let found;
  try {
    found = (await (await faces()).align(photo, { size, face: 'all', name: `field ${upload.field}` })).faces;
  } catch (err) {
    if (isFaceError(err)) throw new HttpError(err.status, err.code, err.message);
    throw err;
  }
  if (found.length === 0) throw new HttpError(422, 'no_face', `field ${upload.field}: expected a face in the photo, but found none (send an aligned face with align=none)`);
  const index = task.faceIndex ?? largest(found.map((f) => f.box));
  if (index >= found.length) {
    throw new HttpError(400, 'bad_index', `field faceIndex: expected 0..${found.length - 1} (faces in ${upload.field}, left to right), but got ${index}`);
  }
  const face = found[index];
  return {
    ...base,
    crop: { data: face.crop.data, width: face.crop.width, height: face.crop.height },
    face: { index, count: found.length, box: { ...face.box } },
    photo,
    transform: face.transform,
  };
}

function largest(boxes: { width: number; height: number }[]): number {
  let best = 0;
  boxes.forEach((b, i) => {
    if (b.width * b.height > boxes[best].width * boxes[best].height) best = i;
  });
  return best;
}
