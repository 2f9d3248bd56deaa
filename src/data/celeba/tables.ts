import { readFile } from 'node:fs/promises';
import { SPLIT_CODES } from '../constants.ts';
import { DataError } from '../dataError.ts';
import type { Split } from '../types.ts';

// CelebA's annotation tables (list_attr_celeba.txt, list_landmarks_align_celeba.txt,
// list_eval_partition.txt): reading them with errors that name file and line, and writing them
// (the synthetic set and the test fixtures use the same format).

/** A CelebA annotation table: column names and, per image, its raw value tokens. */
export interface CelebaTable {
  file: string;
  header: string[];
  /** Image names in file order. */
  names: string[];
  /** Values of each row, in header order, as numbers. */
  rows: Map<string, number[]>;
}

/**
 * Reads list_attr_celeba.txt or a list_landmarks_*.txt: line 1 the row count, line 2 the column
 * names, then "<image> v1 v2 ..." separated by any whitespace. Every problem names the file and
 * the line.
 */
export async function readCelebaTable(file: string, what: string): Promise<CelebaTable> {
  const lines = numberedLines(await readTextFile(file, what));
  if (lines.length < 2) throw new DataError(`${file}: expected a row count and a header line, but the file has ${lines.length} non-empty lines`);
  const count = Number(lines[0].text);
  if (!/^\d+$/.test(lines[0].text)) throw new DataError(`${file}:${lines[0].line}: expected the number of rows, but got "${lines[0].text}"`);
  const header = lines[1].text.split(/\s+/);
  const table: CelebaTable = { file, header, names: [], rows: new Map() };
  for (const { line, text } of lines.slice(2)) {
    const [name, ...tokens] = text.split(/\s+/);
    if (tokens.length !== header.length) {
      throw new DataError(`${file}:${line}: expected an image name and ${header.length} values, but got ${tokens.length} values`);
    }
    const values = tokens.map(Number);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new DataError(`${file}:${line}: expected a number in column "${header[bad]}", but got "${tokens[bad]}"`);
    if (table.rows.has(name)) throw new DataError(`${file}:${line}: image ${name} is listed twice`);
    table.names.push(name);
    table.rows.set(name, values);
  }
  if (table.names.length !== count) {
    throw new DataError(`${file}: line 1 says ${count} rows, but the file has ${table.names.length} (truncated or edited?)`);
  }
  return table;
}

/** Index of a column, case-insensitively; an unknown name is an error listing the known ones. */
export function columnIndex(table: CelebaTable, column: string): number {
  const wanted = column.toLowerCase();
  const index = table.header.findIndex((h) => h.toLowerCase() === wanted);
  if (index < 0) throw new DataError(`unknown attribute "${column}" in ${table.file}; expected one of: ${table.header.join(', ')}`);
  return index;
}

/** The 5 (x, y) landmarks of one landmark-file row (10 values, CelebA order). */
export function rowPoints(values: readonly number[]): Array<readonly [number, number]> {
  return [0, 2, 4, 6, 8].map((i) => [values[i], values[i + 1]] as const);
}

const CODE_TO_SPLIT: Record<number, Split> = { [SPLIT_CODES.train]: 'train', [SPLIT_CODES.val]: 'val', [SPLIT_CODES.test]: 'test' };

/** list_eval_partition.txt: "<image> <0|1|2>" per line (no count, no header) -> image -> split. */
export async function readPartition(file: string): Promise<Map<string, Split>> {
  const splits = new Map<string, Split>();
  for (const { line, text } of numberedLines(await readTextFile(file, 'the train/val/test split'))) {
    const tokens = text.split(/\s+/);
    const split = tokens.length === 2 ? CODE_TO_SPLIT[Number(tokens[1])] : undefined;
    if (split === undefined || !/^\d$/.test(tokens[1])) {
      throw new DataError(`${file}:${line}: expected "<image> <0|1|2>", but got "${text}"`);
    }
    splits.set(tokens[0], split);
  }
  return splits;
}

/**
 * Writes a table in CelebA's annotation format: first line the row count, second line the
 * column names, then "<image> v1 v2 ..." with right-aligned values (as list_attr_celeba.txt does).
 */
export function formatCelebaTable(header: readonly string[], rows: ReadonlyArray<readonly [string, ReadonlyArray<string | number>]>, width = 2): string {
  const lines = [String(rows.length), header.join(' ')];
  for (const [name, values] of rows) {
    if (values.length !== header.length) {
      throw new Error(`formatCelebaTable: expected ${header.length} values for ${name}, but got ${values.length}`);
    }
    lines.push(`${name} ${values.map((v) => String(v).padStart(width)).join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** list_eval_partition.txt has no count and no header: just "<image> <0|1|2>" lines. */
export function formatPartition(rows: ReadonlyArray<readonly [string, number]>): string {
  return rows.map(([name, code]) => `${name} ${code}`).join('\n') + '\n';
}

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
