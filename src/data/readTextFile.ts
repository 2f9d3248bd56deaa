import { readFile } from 'node:fs/promises';
import { DataError } from './dataError.ts';

/** Reads an annotation file, turning "not there" into a clear error that names it and what needs it. */
export async function readTextFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`missing annotation file ${file} (${what})`);
    throw new DataError(`cannot read annotation file ${file}: ${(err as Error).message}`);
  }
}

/** Lines with their 1-based numbers, blank lines dropped, CRLF tolerated. */
export function numberedLines(text: string): Array<{ line: number; text: string }> {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
}
