import { existsSync } from 'node:fs';
import path from 'node:path';
import { alignToTemplate } from '../alignToTemplate.ts';
import { CACHE_DIR, DATASET_DEFAULTS } from '../constants.ts';
import { withCropCache } from '../cropCache.ts';
import { detectedFaceLoader } from '../detectedFaceLoader.ts';
import { DataError } from '../dataError.ts';
import { readCelebaTable, rowPoints, type CelebaTable } from '../celeba/tables.ts';
import { listImages } from '../imageFiles.ts';
import { splitByName } from '../splitByName.ts';
import type { DatasetOptions, ImageSource, Side } from '../types.ts';
import { normaliseCamera, parseMultipieName } from './parseMultipieName.ts';

/** Flash 07 (frontal flash) against 00 (no flash): the paper's lit vs unlit sets. */
const DEFAULT_ILLUMINATION = { with: 7, without: 0 } as const;
/** Landmarks file looked for in the dataset folder when none is given. */
export const MULTIPIE_LANDMARKS_FILE = 'multipie_landmarks.txt';

/**
 * Multi-PIE: ROOT[/data]/sessionSS/multiview/SSS/RR/CCC_C/SSS_SS_RR_CCC_II.png. The two sets are
 * two illuminations (default flash 07 vs no flash 00), optionally of one camera; faces are aligned
 * by a 5-point landmarks file (CelebA's landmark format keyed by file name, see docs/data.md), or,
 * without one, by the face pipeline's detector (src/face).
 * The split is by subject (hash), so a person is never in both train and test.
 */
export async function openMultipie(root: string, options: DatasetOptions): Promise<ImageSource> {
  const o = options.multipie ?? {};
  const split = options.split ?? DATASET_DEFAULTS.split;
  const illum = { with: o.withIllumination ?? DEFAULT_ILLUMINATION.with, without: o.withoutIllumination ?? DEFAULT_ILLUMINATION.without };
  const camera = o.camera === undefined ? undefined : normaliseCamera(o.camera);
  const ids: Record<Side, string[]> = { with: [], without: [] };
  for (const rel of await listImages(root)) {
    const name = parseMultipieName(path.basename(rel));
    if (!name || (camera !== undefined && name.camera !== camera) || splitByName(name.subject) !== split) continue;
    if (name.illumination === illum.with) ids.with.push(rel);
    else if (name.illumination === illum.without) ids.without.push(rel);
  }
  const size = options.imageSize;
  return {
    layout: 'multipie', imageSize: size, split, ids,
    attribute: `illumination ${pad(illum.with)} vs ${pad(illum.without)}${camera ? `, camera ${camera}` : ''}`,
    load: await multipieLoader(root, size, o.landmarks, [...ids.with, ...ids.without]),
  };
}

/** Aligned by the landmarks file when there is one, else by the face pipeline's detection. */
async function multipieLoader(root: string, size: number, given: string | undefined, ids: string[]): Promise<(id: string) => Promise<Uint8Array>> {
  const file = given ?? path.join(root, MULTIPIE_LANDMARKS_FILE);
  if (given === undefined && !existsSync(file)) return detectedFaceLoader(root, size, path.join(root, CACHE_DIR, `multipie-detect-${size}`));
  const landmarks = await readLandmarks(file);
  const missing = ids.find((id) => !landmarks.rows.has(path.basename(id)));
  if (missing !== undefined) throw new DataError(`${landmarks.file}: no landmarks for image ${path.basename(missing)}`);
  const align = async (id: string): Promise<Uint8Array> => alignToTemplate(path.join(root, id), rowPoints(landmarks.rows.get(path.basename(id))!), size);
  return withCropCache(path.join(root, CACHE_DIR, `multipie-${size}`), size, align);
}

async function readLandmarks(file: string): Promise<CelebaTable> {
  const table = await readCelebaTable(file, 'the 5 landmarks of every Multi-PIE image');
  if (table.header.length !== 10) throw new DataError(`${file}:2: expected 10 landmark columns, but got ${table.header.length}`);
  return table;
}


function pad(n: number): string {
  return String(n).padStart(2, '0');
}
