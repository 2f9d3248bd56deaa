/**
 * A problem with the user's data (missing file, malformed line, unknown attribute, empty side).
 * `userFacing` makes the CLI print the message without a stack trace.
 */
export class DataError extends Error {
  override name = 'DataError';
  readonly userFacing = true;
}
