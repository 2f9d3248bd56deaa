/**
 * The one error class whose message is written for people: a CLI user or an API client reads it
 * as it is, so it says what was expected and what was received ("--bits: expected an integer from
 * 1 to 8, but got 9"). Everything else is a bug, shown with its stack.
 *
 * - The CLI (src/cli/main.ts) prints the message without a stack and exits with code 2.
 * - The server answers with `statusCode` and `code` in its JSON error body
 *   ({ statusCode, error, message, code }). Without a status hint the error is the operator's
 *   (e.g. a model folder that does not load), and the server answers 500 "internal error".
 *
 * `code` is stable and machine-readable ('usage', 'bad_data', 'no_face', ...); callers may branch
 * on it, never on the message. Subclasses (FaceError, DataError, UsageError, HttpError) only fix
 * the code's type or its status; they add no behaviour.
 */
export class UserError extends Error {
  override name = 'UserError';
  readonly code: string;
  /** Suggested HTTP status (4xx for the client's input, 503/507 for conditions it can wait out). */
  readonly statusCode?: number;
  /** Extra HTTP response headers, e.g. Retry-After on 503. */
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, options: { statusCode?: number; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    this.headers = options.headers ?? {};
  }
}

/** True for a UserError (any subclass). */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** The first line of an error's message, for wrapping a library's error in a user-facing one. */
export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
