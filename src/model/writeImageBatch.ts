import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import { encodeImage } from '../data/encodeImage.ts';

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
