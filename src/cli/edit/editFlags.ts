import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { tf } from '../../backend/tf.ts';
import { readRgb } from '../../data/imageFiles.ts';
import { tileImages, writePng } from '../../model/images.ts';
import { COMPOSITE_MODES, type CompositeMode } from '../../face/composite.ts';
import { createFacePipeline, type FacePipeline } from '../../face/createFacePipeline.ts';
import { cropsToTensor } from '../../face/cropsToTensor.ts';
import { choiceFlag } from '../flags.ts';
import { UsageError } from '../types.ts';
import type { AlignMode, EditRequest, Rgb } from '../../edit/types.ts';

/** The options of the image-editing commands (swap, remove, matrix), as parseArgs declares them. */
export const EDIT_OPTIONS = {
  align: { type: 'string', default: 'none' },
  composite: { type: 'string', default: 'residual' },
} as const;

export const EDIT_USAGE = `  --align none|auto        none (default): the images are aligned faces; auto: find, align and
                           paste back the largest face of each photo
  --composite residual|replace
                           residual (default): each input keeps its own pixels, at its own size,
                           and gains only the generator's change (docs/face.md); replace: the
                           generated face itself, at the model's size (or pasted into the photo)`;

const ALIGN_MODES: readonly AlignMode[] = ['none', 'auto'];

export function editFlags(values: { align?: string; composite?: string }): { align: AlignMode; composite: CompositeMode } {
  return {
    align: choiceFlag(values.align, 'align', ALIGN_MODES) ?? 'none',
    composite: choiceFlag(values.composite, 'composite', COMPOSITE_MODES) ?? 'residual',
  };
}

/** Decodes image files for an edit (any size; EXIF orientation applied); unreadable files are user errors. */
export async function readEditImages(files: string[]): Promise<EditRequest['images']> {
  const out: EditRequest['images'] = [];
  for (const file of files) {
    try {
      out.push({ name: file, image: { ...(await readRgb(file)), channels: 3 } });
    } catch (err) {
      throw new UsageError(`${file}: cannot read as an image (${(err as Error).message.split('\n')[0]})`);
    }
  }
  return out;
}

/** The face pipeline, loaded on first use only (align none never needs it). */
export function lazyFaces(): { faces: () => Promise<FacePipeline>; dispose: () => Promise<void> } {
  let pipeline: Promise<FacePipeline> | undefined;
  return {
    faces: () => (pipeline ??= createFacePipeline()),
    dispose: async () => (await pipeline)?.dispose(),
  };
}

/** Writes an 8-bit RGB image as PNG into dir (created); returns the file. */
export async function writeRgb(dir: string, name: string, image: Rgb): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await writeFile(file, await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer());
  return file;
}

/** Writes a one-channel 8-bit image (a change mask) as a grey PNG into dir; returns the file. */
export async function writeGrey(dir: string, name: string, mask: { data: Uint8Array; width: number; height: number }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await sharp(mask.data, { raw: { width: mask.width, height: mask.height, channels: 1 } }).toColourspace('b-w').png().toFile(file);
  return file;
}

/** A file's name without folder and extension, for output names. */
export const stem = (file: string): string => path.basename(file, path.extname(file));

/** The output an edit shows for a file: the whole photo (align auto) or the face/image itself. */
export const shown = (out: { photo: Rgb | null; crop: Rgb }): Rgb => out.photo ?? out.crop;

/**
 * Writes images as one PNG grid, row-major with `columns` per row (tileImages' white 2 px gaps).
 * Images of different sizes are fitted into `cell` x `cell` squares first; without `cell` they
 * must share one size.
 */
export async function writeTiles(file: string, images: Rgb[], columns: number, cell?: number): Promise<string> {
  const fitted = cell === undefined ? images : await Promise.all(images.map(async (img) => {
    const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).resize(cell, cell, { fit: 'contain', background: '#fff' }).raw().toBuffer();
    return { data: new Uint8Array(data), width: cell, height: cell, channels: 3 };
  }));
  const grid = tf.tidy(() => tileImages(cropsToTensor(fitted), columns));
  await mkdir(path.dirname(file), { recursive: true });
  await writePng(file, grid).finally(() => grid.dispose());
  return file;
}
