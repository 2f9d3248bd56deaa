import { SPLIT_CODES } from '../constants.ts';
import { DataError } from '../dataError.ts';
import { numberedLines, readTextFile } from '../readTextFile.ts';
import type { Split } from '../types.ts';

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
