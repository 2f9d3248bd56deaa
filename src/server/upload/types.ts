import type { ImageType } from './sniffImageType.ts';

/** An uploaded image after the cheap checks of inspectUpload (bytes still encoded). */
export interface ImageUpload {
  /** Form field it came in ("a", "b", "target", "exemplar0"...), named in every error. */
  field: string;
  bytes: Uint8Array;
  type: ImageType;
  /** Dimensions from the file header, before EXIF rotation. */
  width: number;
  height: number;
}

/** Decoded RGB pixels, row-major, 3 bytes per pixel (values 0..255). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}
