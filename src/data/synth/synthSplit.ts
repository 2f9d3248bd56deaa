import { SPLIT_CODES } from '../constants.ts';

/** Shares of train and val (the rest is test), about CelebA's 80 / 10 / 10. */
const TRAIN_SHARE = 0.8;
const VAL_SHARE = 0.1;

/** Partition code of image `index` (1-based) of `count`: contiguous blocks, as CelebA's file has. */
export function synthSplit(index: number, count: number): number {
  if (index <= Math.floor(count * TRAIN_SHARE)) return SPLIT_CODES.train;
  return index <= Math.floor(count * (TRAIN_SHARE + VAL_SHARE)) ? SPLIT_CODES.val : SPLIT_CODES.test;
}
