import { DataError } from '../dataError.ts';
import { numberedLines, readTextFile } from '../readTextFile.ts';

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
