import { UserError } from '../shared/errors.ts';

/** One `genegan <name>` subcommand; each lives in src/cli/commands/<name>.ts as `export const command`. */
export interface CliCommand {
  name: string;
  /** One line for `genegan --help`. */
  summary: string;
  /** Full help text for `genegan <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A mistake in the command line (flag, value, missing argument): a UserError with code 'usage'. */
export class UsageError extends UserError {
  override name = 'UsageError';

  constructor(message: string) {
    super('usage', message);
  }
}
