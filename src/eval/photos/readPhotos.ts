import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodePhoto } from '../../face/decodePhoto.ts';
import { isFaceError } from '../../face/faceError.ts';
import type { Photo } from '../../face/types.ts';
import { PHOTO_EXTENSIONS } from './constants.ts';

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
  if (!info?.isDirectory()) throw userError(`expected --photos DIR to be a folder of photos, but ${dir} ${info ? 'is not a folder' : 'does not exist'}`);
  const names = (await readdir(dir)).filter((n) => PHOTO_EXTENSIONS.some((e) => n.toLowerCase().endsWith(e))).sort();
  if (names.length === 0) throw userError(`expected ${PHOTO_EXTENSIONS.join('/')} photos in ${dir}, but found none`);
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
    throw userError(`expected a photo file, but ${file} cannot be read`);
  });
  return { file, name, photo: await decodePhoto(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { name, maxPixels }) };
}

/** True when two photos hold the same pixels (the exemplar is never its own target). */
export function samePixels(a: Photo, b: Photo): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  return Buffer.from(a.data.buffer, a.data.byteOffset, a.data.length).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.length));
}

function userError(message: string): Error {
  return Object.assign(new Error(message), { userFacing: true });
}
