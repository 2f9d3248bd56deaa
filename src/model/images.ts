import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import { decodeImage, encodeImage } from '../data/imageFiles.ts';
import { firstLine, UserError } from '../shared/errors.ts';

// Image batches in and out of the inference commands: files -> one NHWC batch, a batch -> PNG
// files, and a batch laid out as one grid image.

/**
 * Decodes image files (jpg, png, webp...) resized to size x size into one batch.
 * Already-aligned faces are expected (the face pipeline aligns photos).
 * @returns NHWC [files.length, size, size, 3] in [0,1]; the caller disposes it.
 */
export async function readImageBatch(files: string[], size: number): Promise<Tensor4D> {
  if (files.length === 0) throw new UserError('bad_image', 'expected at least one image file, but got none');
  const images: Tensor4D[] = [];
  try {
    for (const file of files) {
      try {
        images.push(await decodeImage(file, size));
      } catch (err) {
        throw new UserError('bad_image', `${file}: cannot read as an image (${firstLine(err)})`, { cause: err });
      }
    }
    return tf.concat(images, 0);
  } finally {
    tf.dispose(images);
  }
}

/**
 * Writes each image of a batch as PNG: dir/<names[i]>.png.
 * @param images NHWC [N,H,W,3] in [0,1] (not disposed). @returns the files written.
 */
export async function writeImageBatch(dir: string, images: Tensor4D, names: string[]): Promise<string[]> {
  if (names.length !== images.shape[0]) throw new Error(`writeImageBatch: ${images.shape[0]} images but ${names.length} names`);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const one = tf.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]);
    try {
      const file = path.join(dir, `${names[i]}.png`);
      await writeFile(file, await encodeImage(one as Tensor4D, 'png'));
      files.push(file);
    } finally {
      one.dispose();
    }
  }
  return files;
}

/** Writes one HWC image in [0,1] as PNG (grids). */
export async function writePng(file: string, image: Tensor3D): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, await encodeImage(image, 'png'));
}

/**
 * Lays a batch out as a grid, row-major (image i at row floor(i / columns), column i % columns),
 * with a `gap`-pixel border of value `fill`. Missing cells of the last row are filled too.
 * @param images NHWC [N,H,W,C], any range. @returns HWC [rows*(H+gap)+gap, columns*(W+gap)+gap, C].
 */
export function tileImages(images: Tensor4D, columns: number, gap = 2, fill = 1): Tensor3D {
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`tileImages columns: expected a positive integer, but got ${columns}`);
  return tf.tidy(() => {
    const [n, h, w, c] = images.shape;
    const rows = Math.ceil(n / columns);
    const missing = rows * columns - n;
    const all = missing > 0 ? images.concat(tf.fill([missing, h, w, c], fill), 0) : images;
    const padded = tf.pad(all, [[0, 0], [0, gap], [0, gap], [0, 0]], fill);
    const grid = padded
      .reshape([rows, columns, h + gap, w + gap, c])
      .transpose([0, 2, 1, 3, 4])
      .reshape([rows * (h + gap), columns * (w + gap), c]);
    return tf.pad(grid, [[gap, 0], [gap, 0], [0, 0]], fill) as Tensor3D;
  });
}
