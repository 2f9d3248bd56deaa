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

/** A user error: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
