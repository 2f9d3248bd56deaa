import { FaceError } from './faceError.ts';
import type { DetectedFace, FaceSelection } from './types.ts';

/**
 * Applies the caller's choice of faces (docs/face.md "API"): 'largest' (default; biggest box area), 'all'
 * (left to right), or one index (left to right). Throws FaceError 'no_face' when the photo has
 * none, 'too_many_faces' above `maxFaces`, 'bad_index' for an index that is not there.
 */
export function selectFaces(faces: DetectedFace[], selection: FaceSelection, maxFaces: number, name = 'photo'): DetectedFace[] {
  if (faces.length === 0) throw new FaceError('no_face', `${name}: expected at least one face, but none was found`);
  if (faces.length > maxFaces) {
    throw new FaceError('too_many_faces', `${name}: expected at most ${maxFaces} faces, but found more`);
  }
  if (selection === 'all') return faces;
  if (selection === 'largest') {
    return [faces.reduce((best, f) => (f.box.width * f.box.height > best.box.width * best.box.height ? f : best))];
  }
  if (!Number.isInteger(selection) || selection < 0 || selection >= faces.length) {
    throw new FaceError('bad_index', `${name}: expected a face index from 0 to ${faces.length - 1} (left to right), but got ${String(selection)}`);
  }
  return [faces[selection]];
}

/** Parses a user's face choice ("largest", "all" or a non-negative integer) or throws 'bad_index'. */
export function parseFaceSelection(text: string): FaceSelection {
  if (text === 'largest' || text === 'all') return text;
  if (/^\d+$/.test(text)) return Number(text);
  throw new FaceError('bad_index', `face: expected "largest", "all" or a face index (0, 1, ...), but got "${text}"`);
}
