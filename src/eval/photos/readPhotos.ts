import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodePhoto } from '../../face/decodePhoto.ts';
import { isFaceError } from '../../face/faceError.ts';
import type { Photo, DetectedFace } from '../../face/types.ts';
import type { FacePipeline } from '../../face/createFacePipeline.ts';
import { PHOTO_EXTENSIONS } from './constants.ts';
import { UserError } from '../../shared/errors.ts';

/** A decoded photo with its file. */
export interface NamedPhoto {
  file: string;
  /** The file name, for tables and error messages. */
  name: string;
  photo: Photo;
}

/** A photo or face left out, and why. */
export interface SkippedPhoto {
  name: string;
  reason: string;
}

/**
 * The photos of a folder (JPEG, PNG, WebP by file name, sorted by name, not recursive), decoded
 * upright as 8-bit RGB. Files that do not decode are listed as skipped instead of stopping the run.
 * Throws a user-facing error when the folder does not exist or holds no photo.
 */
export async function readPhotoFolder(dir: string, maxPixels?: number): Promise<{ photos: NamedPhoto[]; skipped: SkippedPhoto[] }> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UserError('bad_photos', `expected --photos DIR to be a folder of photos, but ${dir} ${info ? 'is not a folder' : 'does not exist'}`);
  const names = (await readdir(dir)).filter((n) => PHOTO_EXTENSIONS.some((e) => n.toLowerCase().endsWith(e))).sort();
  if (names.length === 0) throw new UserError('bad_photos', `expected ${PHOTO_EXTENSIONS.join('/')} photos in ${dir}, but found none`);
  const photos: NamedPhoto[] = [];
  const skipped: SkippedPhoto[] = [];
  for (const name of names) {
    try {
      photos.push(await readPhoto(path.join(dir, name), maxPixels));
    } catch (err) {
      if (!isFaceError(err)) throw err;
      skipped.push({ name, reason: err.message });
    }
  }
  return { photos, skipped };
}

/** One photo file, decoded; a missing or undecodable file is a user-facing error naming it. */
export async function readPhoto(file: string, maxPixels?: number): Promise<NamedPhoto> {
  const name = path.basename(file);
  const bytes = await readFile(file).catch(() => {
    throw new UserError('bad_photos', `expected a photo file, but ${file} cannot be read`);
  });
  return { file, name, photo: await decodePhoto(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { name, maxPixels }) };
}

/** True when two photos hold the same pixels (the exemplar is never its own target). */
export function samePixels(a: Photo, b: Photo): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  return Buffer.from(a.data.buffer, a.data.byteOffset, a.data.length).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.length));
}

/**
 * A face pipeline that detects each photo once: the evaluation edits every photo with both
 * composites and with every model, and FaceMesh on a 2 MP photo costs far more than the edit.
 * Photos are recognised by their pixel buffer (the edit path copies the Photo object, not the
 * pixels); alignment still runs per call, at whatever size the model asks for.
 */
export function cachedFaces(pipeline: FacePipeline): FacePipeline {
  const found = new WeakMap<Uint8Array, DetectedFace[]>();
  const detect: FacePipeline['detect'] = async (input, name) => {
    if (input instanceof Uint8Array) return pipeline.detect(input, name);
    const known = found.get(input.data);
    if (known) return { photo: input, faces: known };
    const result = await pipeline.detect(input, name);
    found.set(input.data, result.faces);
    return result;
  };
  return {
    decode: (bytes, name) => pipeline.decode(bytes, name),
    detect,
    alignDetected: (photo, faces, options) => pipeline.alignDetected(photo, faces, options),
    async align(input, options) {
      const { photo, faces } = await detect(input, options.name ?? 'photo');
      return { photo: photo as Photo, faces: pipeline.alignDetected(photo as Photo, faces, options) };
    },
    // The evaluation meshes every face once anyway (cached above), so one face is picked from those.
    async alignOne(input, options) {
      const { photo, faces } = await detect(input, options.name ?? 'photo');
      const [face] = pipeline.alignDetected(photo as Photo, faces, { ...options, face: options.face ?? 'largest' });
      return { photo: photo as Photo, face, count: faces.length };
    },
    dispose: () => pipeline.dispose(),
  };
}
