import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isUserError } from '../shared/errors.ts';
import type { CliCommand } from './types.ts';

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

/** Command names are the file names in src/cli/commands (no central list to keep in sync). */
function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function loadCommand(name: string): Promise<CliCommand> {
  const mod = (await import(path.join(commandsDir, `${name}.ts`))) as { command: CliCommand };
  return mod.command;
}

async function printHelp(): Promise<void> {
  const lines = ['usage: genegan <command> [options]   (genegan <command> --help for details)', ''];
  for (const name of commandNames()) lines.push(`  ${name.padEnd(12)} ${(await loadCommand(name)).summary}`);
  process.stdout.write(lines.join('\n') + '\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name === undefined ? 2 : 0;
  }
  if (!commandNames().includes(name)) {
    process.stderr.write(`genegan: unknown command "${name}"; expected one of ${commandNames().join(', ')}\n`);
    return 2;
  }
  const command = await loadCommand(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (isUserError(err)) {
      process.stderr.write(`genegan ${name}: ${(err as Error).message}\n`);
      return 2;
    }
    if (err instanceof Error && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`genegan ${name}: ${err.message}\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    process.stderr.write(`genegan ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && /(main\.ts|genegan(\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(String(err) + '\n');
      process.exitCode = 1;
    },
  );
}
