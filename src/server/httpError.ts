/**
 * An error with an HTTP status and a stable machine-readable code. The error handler
 * (plugins/errorHandler.ts) answers 4xx with the message as it is, so messages must say what
 * was expected and what was received ("field a: expected an image, but got text/plain").
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly statusCode: number;
  readonly code: string;
  /** Extra response headers, e.g. Retry-After on 503. */
  readonly headers: Record<string, string>;

  constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

/** The JSON shape a worker thread sends back instead of throwing across the thread boundary. */
export interface SerializedError {
  statusCode: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof HttpError) return { statusCode: err.statusCode, code: err.code, message: err.message, headers: err.headers };
  const message = err instanceof Error ? err.message : String(err);
  return { statusCode: 500, code: 'internal', message };
}

export function deserializeError(e: SerializedError): HttpError {
  return new HttpError(e.statusCode, e.code, e.message, e.headers ?? {});
}
