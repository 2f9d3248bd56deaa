import { hashString } from '../shared/random.ts';
import type { Split } from './types.ts';

/** Buckets out of ten that go to val and test; the other eight are train (about CelebA's 80/10/10). */
const VAL_BUCKET = 8;
const TEST_BUCKET = 9;
const BUCKETS = 10;

/**
 * The split of a file in layouts without a partition file (folder, Multi-PIE), from a hash of
 * a stable key, so adding files never moves the others between splits.
 */
export function splitByName(key: string): Split {
  const bucket = hashString(key) % BUCKETS;
  return bucket === TEST_BUCKET ? 'test' : bucket === VAL_BUCKET ? 'val' : 'train';
}
