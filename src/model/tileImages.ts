import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';

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
