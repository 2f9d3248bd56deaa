import path from 'node:path';
import { CELEBA_FILES } from '../constants.ts';
import { DataError } from '../dataError.ts';
import type { Side, Split } from '../types.ts';
import { columnIndex, readCelebaTable, readPartition } from './tables.ts';

/** The two sides of one attribute within one split, as image names in file order. */
export interface CelebaSides {
  ids: Record<Side, string[]>;
  /** The attribute column as spelled in the file. */
  attribute: string;
}

/**
 * Splits CelebA's images by one attribute column (+1 -> "with", -1 or 0 -> "without") and
 * keeps those of the requested split from list_eval_partition.txt.
 */
export async function readCelebaSides(dir: string, attribute: string | undefined, split: Split): Promise<CelebaSides> {
  const attrFile = path.join(dir, CELEBA_FILES.attributes);
  if (attribute === undefined || attribute === '') {
    throw new DataError(`expected an attribute column (e.g. "Eyeglasses") to split ${attrFile}, but none was given`);
  }
  const table = await readCelebaTable(attrFile, 'the +1/-1 attribute of every image');
  const column = columnIndex(table, attribute);
  const splits = await readPartition(path.join(dir, CELEBA_FILES.partition));
  const ids: Record<Side, string[]> = { with: [], without: [] };
  for (const name of table.names) {
    const code = splits.get(name);
    if (code === undefined) throw new DataError(`${path.join(dir, CELEBA_FILES.partition)}: image ${name} of ${attrFile} has no split`);
    if (code !== split) continue;
    ids[table.rows.get(name)![column] === 1 ? 'with' : 'without'].push(name);
  }
  return { ids, attribute: table.header[column] };
}
