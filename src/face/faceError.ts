import { UserError } from '../shared/errors.ts';

/** Why a photo could not be turned into aligned faces. */
export type FaceErrorCode = 'not_an_image' | 'too_many_pixels' | 'no_face' | 'too_many_faces' | 'bad_index' | 'face_too_small';

/**
 * HTTP status the service should answer with for each code: undecodable input is a bad request,
 * oversized input is "payload too large", and a valid photo we cannot use is "unprocessable".
 */
export const FACE_ERROR_HTTP_STATUS: Record<FaceErrorCode, number> = {
  not_an_image: 400,
  too_many_pixels: 413,
  no_face: 422,
  too_many_faces: 422,
  bad_index: 400,
  face_too_small: 422,
};

/** A UserError of the face pipeline: `code` is one of FaceErrorCode, the status follows from it. */
export class FaceError extends UserError {
  override name = 'FaceError';
  declare readonly code: FaceErrorCode;
  declare readonly statusCode: number;

  constructor(code: FaceErrorCode, message: string) {
    super(code, message, { statusCode: FACE_ERROR_HTTP_STATUS[code] });
  }
}

/** True for FaceError, also across module copies (checks name and code, not the prototype). */
export function isFaceError(err: unknown): err is FaceError {
  return err instanceof Error && err.name === 'FaceError' && typeof (err as FaceError).code === 'string';
}
