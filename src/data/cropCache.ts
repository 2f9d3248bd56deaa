import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../shared/files.ts';
import { readRgb } from './imageFiles.ts';

/**
 * Wraps a slow "decode a big photo and align it" loader with a disk cache of the aligned crops
 * (lossless PNG, one per image id), so each photo is aligned once. A read-only dataset folder simply runs uncached.
 */
export function withCropCache(cacheDir: string, size: number, align: (id: string) => Promise<Uint8Array>): (id: string) => Promise<Uint8Array> {
  return async (id) => {
    const file = path.join(cacheDir, id.replace(/\.[^./\\]+$/, '') + '.png');
    const cached = await readRgb(file).catch(() => undefined);
    if (cached && cached.width === size && cached.height === size) return cached.data;
    const pixels = await align(id);
    await storeCrop(file, pixels, size);
    return pixels;
  };
}

/** Writes atomically (writeFileAtomic), so a crash or a second process never leaves half a PNG. */
async function storeCrop(file: string, pixels: Uint8Array, size: number): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const raw = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length);
    const png = await sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
    await writeFileAtomic(file, png);
  } catch {
    // Not writable: only the cache is lost; the crop itself was returned.
  }
}
