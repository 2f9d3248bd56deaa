import { tf, type Tensor4D } from '../../backend/tf.ts';
import { faceresFeatures } from '../featureNetworks.ts';
import type { Box } from '../../face/types.ts';
import type { FeatureNetwork } from '../types.ts';
import { FACERES_CROP } from './constants.ts';
import type { Rgb8 } from './pixelMetrics.ts';

/** Identity of faces in photos: Human's faceres descriptor, compared by cosine similarity. */
export interface FaceIdentity {
  /**
   * The 1024-d descriptor of the face in `box` (photo pixels), cropped the way Human crops it for
   * faceres (faceresCrop) from an 8-bit RGB photo.
   */
  embed(photo: Rgb8, box: Box): Promise<Float32Array>;
  dispose(): void;
}

/**
 * Loads faceres through the evaluation's own loader (faceresFeatures in src/eval/featureNetworks.ts: the
 * package's model, input resized to 224 px and scaled to 0..255, output global_pooling/Mean, which
 * is the 1024-value tensor Human returns as `descriptor`). Call selectBackend() first.
 */
export async function createFaceIdentity(): Promise<FaceIdentity> {
  const net: FeatureNetwork = await faceresFeatures();
  return {
    async embed(photo, box) {
      const input = cropTensor(photo, faceresCrop(box));
      const features = net.features(input);
      try {
        return Float32Array.from(await features.data());
      } finally {
        tf.dispose([input, features]);
      }
    },
    dispose: () => net.dispose?.(),
  };
}

/**
 * The square Human gives faceres for a detected face: the box enlarged FACERES_CROP.enlarge times
 * about its centre, then squared with the larger side (Human's enlargeBox + squarifyBox), upright.
 */
export function faceresCrop(box: Box): Box {
  const side = FACERES_CROP.enlarge * Math.max(box.width, box.height);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/** Cosine similarity of two descriptors of the same length, in [-1, 1]; 0 when either is all zero. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`cosineSimilarity: expected two vectors of the same non-zero length, but got ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The square as NHWC float32 [1, 192, 192, 3] in [0, 1] (FACERES_CROP.side), sampled bilinearly
 * with tf.image.cropAndResize from the photo pixels the square overlaps; outside the photo it is
 * black, as in Human's cutAndResize. graphFeatures then resizes it to 224 px, as Human does.
 */
function cropTensor(photo: Rgb8, square: Box): Tensor4D {
  const x0 = Math.max(0, Math.floor(square.x));
  const y0 = Math.max(0, Math.floor(square.y));
  const x1 = Math.min(photo.width - 1, Math.ceil(square.x + square.width));
  const y1 = Math.min(photo.height - 1, Math.ceil(square.y + square.height));
  if (x1 < x0 || y1 < y0) throw new RangeError(`faceresCrop: expected the face square to overlap the ${photo.width}x${photo.height} photo, but it is at ${Math.round(square.x)},${Math.round(square.y)}`);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const pixels = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w * 3; x++) pixels[y * w * 3 + x] = photo.data[((y0 + y) * photo.width + x0) * 3 + x] / 255;
  }
  const side = FACERES_CROP.side;
  // cropAndResize boxes are [y1, x1, y2, x2] with 0 and 1 on the first and last pixel centres.
  const norm = (v: number, start: number, extent: number) => (extent > 1 ? (v - start) / (extent - 1) : 0);
  const boxes = [[norm(square.y, y0, h), norm(square.x, x0, w), norm(square.y + square.height - 1, y0, h), norm(square.x + square.width - 1, x0, w)]];
  return tf.tidy(() => {
    const region = tf.tensor4d(pixels, [1, h, w, 3]);
    return tf.image.cropAndResize(region, boxes, [0], [side, side], 'bilinear', 0) as Tensor4D;
  });
}
