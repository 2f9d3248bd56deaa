import { UserError } from '../shared/errors.ts';

/**
 * A problem with the user's data (missing file, malformed line, unknown attribute, empty side):
 * a UserError with code 'bad_data'. Its own class because a paired dataset stops on it (the
 * whole set is unusable) but skips other per-image failures.
 */
export class DataError extends UserError {
  override name = 'DataError';

  constructor(message: string) {
    super('bad_data', message);
  }
}
