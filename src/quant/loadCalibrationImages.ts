import type { Tensor4D } from '../backend/tf.ts';
import { openDataset } from '../data/openDataset.ts';

export interface CalibrationSource {
  /** Dataset directory (any layout openDataset reads). */
  data: string;
  /** Attribute column splitting the sets; default Eyeglasses. */
  attribute?: string;
  /** Images per set. */
  count: number;
}

/**
 * The first `count` images of each set of the training split, unshuffled (deterministic), for
 * batch-norm recalibration. NHWC [n, S, S, 3] in [0,1] per set; the caller disposes them.
 */
export async function loadCalibrationImages(source: CalibrationSource, imageSize: number): Promise<{ au: Tensor4D; b0: Tensor4D }> {
  const ds = await openDataset(source.data, { attribute: source.attribute ?? 'Eyeglasses', imageSize, split: 'train', seed: 0 });
  try {
    const au = (await ds.batchAt('with', 0, source.count)).images;
    const b0 = (await ds.batchAt('without', 0, source.count)).images;
    return { au, b0 };
  } finally {
    await ds.close();
  }
}
