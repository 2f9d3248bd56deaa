import { UserError } from '../shared/errors.ts';

/**
 * A UserError the server raises itself, always with an HTTP status (and maybe response headers).
 * The error handler (plugins/errorHandler.ts) answers 4xx, 503 and 507 with the message as it is,
 * so messages must say what was expected and what was received ("field a: expected an image, but
 * got text/plain").
 */
export class HttpError extends UserError {
  override name = 'HttpError';
  declare readonly statusCode: number;

  constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(code, message, { statusCode, headers });
  }
}

/** The JSON shape a worker thread sends back instead of throwing across the thread boundary. */
export interface SerializedError {
  statusCode: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/**
 * A UserError with a status hint (an HttpError, a FaceError) keeps its status, code and message;
 * anything else is a 500 'internal', whose message the error handler does not show.
 */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof UserError && err.statusCode !== undefined) {
    return { statusCode: err.statusCode, code: err.code, message: err.message, headers: err.headers };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { statusCode: 500, code: 'internal', message };
}

export function deserializeError(e: SerializedError): HttpError {
  return new HttpError(e.statusCode, e.code, e.message, e.headers ?? {});
}
