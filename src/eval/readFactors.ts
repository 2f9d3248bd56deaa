import { readFile } from 'node:fs/promises';
import { UserError } from '../shared/errors.ts';

/** Selected columns of factors.csv, per image name (e.g. "000001.jpg" -> ["round", "black", "clear"]). */
export interface FactorTable {
  file: string;
  columns: string[];
  rows: Map<string, string[]>;
}

/**
 * Reads the synthetic set's ground truth (factors.csv: a header line, then one comma-separated row
 * per image, first column "image"). Keeps only `columns` so large sets stay small in memory.
 * Errors name the file and line.
 */
export async function readFactors(file: string, columns: readonly string[]): Promise<FactorTable> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UserError('bad_data', `${file}: cannot read the ground-truth factors (${err.code ?? err.message}); only synthetic sets (genegan synth) have them`);
  });
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  if (header[0] !== 'image') throw new UserError('bad_data', `${file}:1: expected the header to start with "image", but got "${header[0]}"`);
  const picks = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new UserError('bad_data', `${file}:1: expected a "${c}" column, but the header has ${header.join(', ')}`);
    return i;
  });
  const rows = new Map<string, string[]>();
  for (let n = 1; n < lines.length; n++) {
    if (lines[n].trim() === '') continue;
    const cells = lines[n].split(',');
    if (cells.length !== header.length) throw new UserError('bad_data', `${file}:${n + 1}: expected ${header.length} values, but got ${cells.length}`);
    rows.set(cells[0], picks.map((i) => cells[i]));
  }
  return { file, columns: [...columns], rows };
}

/** The factor values of one image, or a clear error when factors.csv does not list it. */
export function factorsOf(table: FactorTable, image: string): string[] {
  const row = table.rows.get(image);
  if (row === undefined) throw new UserError('bad_data', `${table.file}: expected a row for image "${image}", but there is none`);
  return row;
}
