import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { selectBackend } from '../../backend/selectBackend.ts';
import { editImages } from '../../edit/editImages.ts';
import { changeMaskOf } from '../../edit/changeMask.ts';
import { COMPOSITE_MODES, type CompositeMode } from '../../face/composite.ts';
import { createFacePipeline } from '../../face/createFacePipeline.ts';
import { isFaceError } from '../../face/faceError.ts';
import { loadModel, readManifest } from '../../model/loadModel.ts';
import type { EditResult } from '../../edit/types.ts';
import { cachedFaces, readPhoto, readPhotoFolder, samePixels, type NamedPhoto, type SkippedPhoto } from './readPhotos.ts';
import { PHOTOS_FORMAT_VERSION } from './constants.ts';
import { contactSheet, faceWindow } from './contactSheet.ts';
import { cosineSimilarity, createFaceIdentity, type FaceIdentity } from './faceIdentity.ts';
import { faceReference, scoreOutput, type FaceScores } from './scoreFace.ts';
import { median, medianScores, PHOTO_DEFINITIONS, writePhotoReport } from './photoReport.ts';
import type { PhotoFaceRow, PhotoMetrics, PhotoModelResult } from './types.ts';
import type { Rgb8 } from './pixelMetrics.ts';
import { UserError } from '../../shared/errors.ts';

export interface PhotoEvaluationOptions {
  models: string[];
  /** Folder of real photos. */
  photos: string;
  /** One exemplar photo for every pair instead of the next photo in the folder. */
  exemplar?: string;
  /** Report folder: photos.json, photos.md and one contact sheet per model. */
  out?: string;
  /** Side of a contact-sheet cell (default SHEET_CELL); most rows per sheet (default 48). */
  sheetCell?: number;
  sheetRows?: number;
  /** 256-colour contact sheets (smaller files). */
  palette?: boolean;
  maxPixels?: number;
}

export interface PhotoProgress {
  done: number;
  total: number;
  message: string;
}

type Pair = { a: NamedPhoto; b: NamedPhoto };

/**
 * `genegan eval --photos`: the whole photo path (src/edit: detect, align, model, compose, paste
 * back) as a swap of each photo's largest face B with an exemplar A, for both composites, scored
 * per face against the input photo (scoreFace.ts). Photos without a usable face are skipped.
 */
export async function runPhotoEvaluation(options: PhotoEvaluationOptions, onProgress: (p: PhotoProgress) => void = () => {}): Promise<PhotoMetrics> {
  if (options.models.length === 0) throw new UserError('bad_input', 'expected at least one --model directory, but got none');
  const started = performance.now();
  // A wrong model folder should fail now, not after every photo has been searched for faces.
  for (const dir of options.models) await readManifest(dir);
  await selectBackend({ log: () => {} });
  const folder = await readPhotoFolder(options.photos, options.maxPixels);
  const exemplar = options.exemplar === undefined ? null : await readPhoto(options.exemplar, options.maxPixels);
  const pipeline = cachedFaces(await createFacePipeline({ maxPixels: options.maxPixels }));
  const identity = await createFaceIdentity();
  try {
    const skipped = [...folder.skipped];
    const usable: NamedPhoto[] = [];
    for (const [i, p] of folder.photos.entries()) {
      onProgress({ done: i, total: folder.photos.length, message: `finding faces in ${p.name}` });
      const found = await pipeline.detect(p.photo, p.name).then((r) => r.faces.length, (err) => (isFaceError(err) ? err.message : Promise.reject(err)));
      if (found === 0) skipped.push({ name: p.name, reason: 'no face found' });
      else if (typeof found === 'string') skipped.push({ name: p.name, reason: found });
      else if (exemplar && samePixels(p.photo, exemplar.photo)) skipped.push({ name: p.name, reason: 'is the exemplar' });
      else usable.push(p);
    }
    const pairs: Pair[] = exemplar ? usable.map((b) => ({ a: exemplar, b })) : usable.map((b, i) => ({ a: usable[(i + 1) % usable.length], b }));
    if (exemplar === null && usable.length < 2) {
      throw new UserError('bad_input', `expected at least two photos with a face in ${options.photos} (or --exemplar FILE), but found ${usable.length}`);
    }
    if (pairs.length === 0) throw new UserError('bad_input', `expected a photo with a face in ${options.photos} besides the exemplar, but found none`);
    const models: PhotoModelResult[] = [];
    for (const dir of options.models) {
      models.push(await evaluateModel(dir, pairs, pipeline, identity, options, onProgress));
    }
    const metrics: PhotoMetrics = {
      formatVersion: PHOTOS_FORMAT_VERSION,
      kind: 'photos',
      photos: options.photos,
      pairing: exemplar ? 'exemplar' : 'cyclic',
      exemplar: exemplar?.file ?? null,
      models,
      skipped,
      definitions: PHOTO_DEFINITIONS,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    if (options.out) await writePhotoReport(options.out, metrics);
    return metrics;
  } finally {
    identity.dispose();
    pipeline.dispose();
  }
}

async function evaluateModel(dir: string, pairs: Pair[], pipeline: ReturnType<typeof cachedFaces>, identity: FaceIdentity, options: PhotoEvaluationOptions, onProgress: (p: PhotoProgress) => void): Promise<PhotoModelResult> {
  const { model, manifest } = await loadModel(dir);
  const label = path.basename(path.resolve(dir));
  const size = model.config.imageSize;
  const sheetRows = pickRows(pairs.length, options.sheetRows ?? 48);
  const sheet: Rgb8[][] = [];
  const rows: PhotoFaceRow[] = [];
  const skipped: SkippedPhoto[] = [];
  const exemplarDescriptors = new Map<string, Float32Array>();
  try {
    for (const [i, { a, b }] of pairs.entries()) {
      onProgress({ done: i, total: pairs.length, message: `${label}: ${b.name} with ${a.name}` });
      const edits = {} as Record<CompositeMode, EditResult>;
      try {
        for (const composite of COMPOSITE_MODES) {
          const images = [{ name: a.name, image: a.photo }, { name: b.name, image: b.photo }];
          edits[composite] = await editImages(model, async () => pipeline, { op: 'swap', images, align: 'auto', faceIndex: null, composite, changeMask: changeMaskOf(manifest) });
        }
      } catch (err) {
        if (!isFaceError(err)) throw err;
        skipped.push({ name: b.name, reason: err.message });
        continue;
      }
      const [inA, inB] = edits.residual.inputs;
      const reference = await faceReference(b.photo, inB.face!.box, inB.toModel, size, identity);
      const key = `${a.file}#${inA.face!.index}`;
      if (!exemplarDescriptors.has(key)) exemplarDescriptors.set(key, await identity.embed(a.photo, inA.face!.box));
      const scores = {} as Record<CompositeMode, FaceScores>;
      for (const composite of COMPOSITE_MODES) scores[composite] = await scoreOutput(reference, edits[composite].outputs.Bu.photo!, identity);
      rows.push({
        photo: b.name,
        face: inB.face!,
        nativeSide: Math.round(inB.nativeSide),
        exemplar: a.name,
        differentPeople: cosineSimilarity(reference.descriptor, exemplarDescriptors.get(key)!),
        scores,
      });
      if (sheetRows.has(i)) {
        const cell = options.sheetCell;
        const at = (photo: Rgb8, toModel = inB.toModel) => faceWindow({ photo, toModel, size }, cell);
        sheet.push([await at(a.photo, inA.toModel), await at(b.photo), await at(edits.replace.outputs.Bu.photo!), await at(edits.residual.outputs.Bu.photo!)]);
      }
    }
  } finally {
    model.dispose();
  }
  let sheetName: string | null = null;
  if (options.out && sheet.length > 0) {
    sheetName = `contact-sheet-${label}.png`;
    await mkdir(options.out, { recursive: true });
    await writeFile(path.join(options.out, sheetName), await contactSheet(sheet, { palette: options.palette }));
  }
  return {
    label,
    dir,
    attribute: manifest.attribute ?? null,
    imageSize: size,
    medians: medianScores(rows),
    medianDifferentPeople: median(rows.map((r) => r.differentPeople)),
    rows,
    skipped,
    contactSheet: sheetName,
  };
}

/** Indices of at most `most` of `count` rows, evenly spread (all of them when they fit). */
function pickRows(count: number, most: number): Set<number> {
  if (count <= most) return new Set(Array.from({ length: count }, (_, i) => i));
  return new Set(Array.from({ length: most }, (_, k) => Math.floor((k * count) / most)));
}
