import { tf, type Tensor4D } from '../backend/tf.ts';
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
 * batch-norm recalibration. NHWC [n, S, S, 3] in [0,1] per set, the SAME n for both sets (the
 * recalibration pairs them, spec "Forward graph"): n = min(count, each set's size, minus skipped
 * unreadable images). The caller disposes them.
 */
export async function loadCalibrationImages(source: CalibrationSource, imageSize: number): Promise<{ au: Tensor4D; b0: Tensor4D }> {
  const ds = await openDataset(source.data, { attribute: source.attribute ?? 'Eyeglasses', imageSize, split: 'train', seed: 0 });
  try {
    const wanted = Math.min(source.count, ds.counts.with, ds.counts.without);
    const au = (await ds.batchAt('with', 0, wanted)).images;
    const b0 = (await ds.batchAt('without', 0, wanted)).images;
    const n = Math.min(au.shape[0], b0.shape[0]);
    if (n === au.shape[0] && n === b0.shape[0]) return { au, b0 };
    const trimmed = { au: tf.slice(au, 0, n) as Tensor4D, b0: tf.slice(b0, 0, n) as Tensor4D };
    tf.dispose([au, b0]);
    return trimmed;
  } finally {
    await ds.close();
  }
}
