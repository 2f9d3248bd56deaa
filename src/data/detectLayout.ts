import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CELEBA_FILES, SYNTH_FILES } from './constants.ts';
import { DataError } from './dataError.ts';
import type { PairedDataset } from './types.ts';

/** Multi-PIE's session folders (session01 ... session04). */
const MULTIPIE_SESSION = /^session\d\d$/;

/**
 * Which reader a folder needs, from the files in it: CelebA's attribute list (plus factors.csv
 * for the synthetic set), Multi-PIE's session folders, or with/ and without/ sub-folders.
 */
export function detectLayout(dir: string): PairedDataset['layout'] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DataError(`dataset folder ${dir} does not exist`);
  if (existsSync(path.join(dir, CELEBA_FILES.attributes))) {
    return existsSync(path.join(dir, SYNTH_FILES.factors)) ? 'synthetic' : 'celeba';
  }
  const entries = readdirSync(dir);
  if (entries.some((e) => MULTIPIE_SESSION.test(e)) || entries.includes('data')) {
    const root = entries.includes('data') ? path.join(dir, 'data') : dir;
    if (readdirSync(root).some((e) => MULTIPIE_SESSION.test(e))) return 'multipie';
  }
  if (entries.includes('with') && entries.includes('without')) return 'folder';
  throw new DataError(
    `cannot tell the layout of ${dir}: expected ${CELEBA_FILES.attributes} (CelebA or synthetic), session01/... (Multi-PIE) or with/ and without/ folders`,
  );
}
