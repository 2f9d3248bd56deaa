import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file via a temporary sibling and a rename, so readers never see a half-written file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Moves `from` to `to`, replacing an existing `to` (old one renamed aside first, then removed). */
export async function replaceDir(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(to)), { recursive: true });
  const old = `${to}.old-${process.pid}`;
  let hadOld = true;
  try {
    await rename(to, old);
  } catch {
    hadOld = false;
  }
  await rename(from, to);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
