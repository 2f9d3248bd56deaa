import type { FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection';
import { alignFace } from './alignFace.ts';
import { decodePhoto } from './decodePhoto.ts';
import { detectFacesInPhoto, detectOneFace, scaleFaces, scanCopy } from './detectFacesInPhoto.ts';
import { FaceError } from './faceError.ts';
import { loadFaceMesh } from './faceMesh.ts';
import { selectFaces } from './selectFaces.ts';
import { DEFAULT_MAX_FACES, DEFAULT_MAX_PIXELS, LARGEST_TRIES, PROFILE_YAW } from './constants.ts';
import type { AlignedFace, BorderMode, DetectedFace, FaceSelection, Photo } from './types.ts';

export interface FacePipelineConfig {
  /** Folder of facemesh/blazeface weights; default @vladmandic/human's models/ (humanModelDir). */
  modelDir?: string;
  /** Largest photo in pixels (width*height); default DEFAULT_MAX_PIXELS. */
  maxPixels?: number;
  /** Most faces per photo; default DEFAULT_MAX_FACES. */
  maxFaces?: number;
}

export interface AlignOptions {
  /** Side of the aligned square crops in pixels (the model's size, e.g. 64 or 128). */
  size: number;
  /** Default 'largest'. */
  face?: FaceSelection;
  /** Outside the photo; default 'constant' (black). */
  border?: BorderMode;
  /** Name for error messages (e.g. the file name). */
  name?: string;
}

/** Photo bytes (any format sharp reads) or an already decoded photo. */
export type PhotoInput = Uint8Array | Photo;

export interface FacePipeline {
  /** Decodes and checks a photo (EXIF applied). */
  decode(bytes: Uint8Array, name?: string): Promise<Photo>;
  /** All faces, left to right; throws FaceError 'too_many_faces' but never 'no_face'. */
  detect(input: PhotoInput, name?: string): Promise<{ photo: Photo; faces: DetectedFace[] }>;
  /** The chosen faces aligned onto the template at `size` (8-bit RGB crops + transforms). */
  align(input: PhotoInput, options: AlignOptions): Promise<{ photo: Photo; faces: AlignedFace[] }>;
  /**
   * One face, aligned: the largest detector box that is not a profile, or an index (left to right). Only that face goes through the
   * landmark model, so this is the fast path when one face is wanted. Throws FaceError no_face,
   * bad_index.
   */
  alignOne(input: PhotoInput, options: AlignOptions & { face?: 'largest' | number }): Promise<{ photo: Photo; face: AlignedFace; count: number }>;
  /** Selection + alignment of faces already found by detect() (no second detection). */
  alignDetected(photo: Photo, faces: DetectedFace[], options: AlignOptions): AlignedFace[];
  dispose(): void;
}

/**
 * The photo -> aligned faces path for the service, the CLI and the data readers
 * (docs/face.md "Alignment, step by step").
 * Loads the models once (call selectBackend() first); calls are queued because the detector keeps
 * state between photos. Pair with pasteBack() to put generated faces back.
 */
export async function createFacePipeline(config: FacePipelineConfig = {}): Promise<FacePipeline> {
  const cfg = { maxPixels: DEFAULT_MAX_PIXELS, maxFaces: DEFAULT_MAX_FACES, ...config };
  // One extra face lets us tell "exactly the limit" from "more than the limit".
  const detector: FaceLandmarksDetector = await loadFaceMesh({ modelDir: cfg.modelDir, maxFaces: cfg.maxFaces + 1 });
  const queue = serialQueue();
  const decode = (bytes: Uint8Array, name?: string) => decodePhoto(bytes, { maxPixels: cfg.maxPixels, name });
  const toPhoto = (input: PhotoInput, name?: string) => (isPhoto(input) ? Promise.resolve(input) : decode(input, name));

  const detect = async (input: PhotoInput, name = 'photo') => {
    const photo = await toPhoto(input, name);
    const scan = await scanCopy(photo);
    const faces = scaleFaces(await queue(() => detectFacesInPhoto(detector, scan.image)), scan.factor);
    if (faces.length > cfg.maxFaces) selectFaces(faces, 'all', cfg.maxFaces, name);
    return { photo, faces };
  };

  const alignDetected = (photo: Photo, faces: DetectedFace[], options: AlignOptions) => {
    const chosen = selectFaces(faces, options.face ?? 'largest', cfg.maxFaces, options.name ?? 'photo');
    return chosen.map((face): AlignedFace => ({ ...face, size: options.size, ...alignFace(photo, face.points, options) }));
  };

  const align = async (input: PhotoInput, options: AlignOptions) => {
    const { photo, faces } = await detect(input, options.name ?? 'photo');
    return { photo, faces: alignDetected(photo, faces, options) };
  };

  const alignOne = async (input: PhotoInput, options: AlignOptions & { face?: 'largest' | number }) => {
    const name = options.name ?? 'photo';
    const photo = await toPhoto(input, name);
    const scan = await scanCopy(photo);
    const wanted = options.face ?? 'largest';
    // 'largest' tries the biggest boxes first and passes over a profile (FaceMesh's yaw), which no
    // similarity can put on the frontal template, when a turned-to-the-camera face is among them.
    const candidates = (boxes: { width: number; height: number }[]) =>
      wanted !== 'largest' ? [wanted] : boxes.map((_, i) => i).sort((a, b) => boxes[b].width * boxes[b].height - boxes[a].width * boxes[a].height).slice(0, LARGEST_TRIES);
    const found = await queue(() => detectOneFace(detector, scan.image, candidates, (face) => Math.abs(face.yaw) <= PROFILE_YAW));
    if (found.count === 0) throw new FaceError('no_face', `${name}: expected a face in the photo, but found none`);
    if (found.index >= found.count) {
      throw new FaceError('bad_index', `faceIndex: expected 0..${found.count - 1} (faces in ${name}, left to right), but got ${found.index}`);
    }
    if (!found.face) throw new FaceError('no_face', `${name}: face ${found.index} was found, but its landmarks could not be (is it turned away or covered?)`);
    const [face] = scaleFaces([found.face], scan.factor);
    return { photo, face: { ...face, size: options.size, ...alignFace(photo, face.points, options) }, count: found.count };
  };

  return { decode, detect, align, alignOne, alignDetected, dispose: () => detector.dispose() };
}

function isPhoto(input: PhotoInput): input is Photo {
  return !(input instanceof Uint8Array) && typeof input === 'object' && input !== null && (input as Photo).data instanceof Uint8Array;
}

/** Runs async jobs one at a time in call order; a failed job does not block the next. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  };
}
