import { tf, type Tensor4D } from '../backend/tf.ts';
import { measureChange, type ChangeMaskOptions } from '../face/composite.ts';
import type { RawImage } from '../face/types.ts';
import type { Fakes, FakesShown } from './types.ts';

/**
 * What the critics are shown as fakes (docs/training.md "Residual fakes").
 * - 'decoded': the decodes themselves, Bu = Dec(B, x) and A0 = Dec(A, 0) (the paper).
 * - 'residual': what the service's residual composition answers at the model's size
 *   (docs/face.md "Residual composition"): B0 + m_B * (Bu - B0') and Au + m_A * (A0 - Au), with
 *   the change masks m measured exactly as the service measures them (Bu against B0' = Dec(B, 0),
 *   A0 against Au' = Dec(A, x)). The critics then judge the input carrying the generator's change,
 *   so the adversarial term asks for a change that makes the attribute on the input's own pixels,
 *   above the mask's thresholds, which the decodes alone never ask for (ELEGANT and GANimation
 *   train residual outputs for the same reason).
 * The masks carry no gradient (they gate, as in the service); the change does, through Bu, B0'
 * and A0. Results are clipped to [0, 1] like the service's 8-bit answer.
 * @param images NHWC [N,S,S,3] in [0,1]: the real pair (au, b0), its reconstructions (auRec =
 *   Dec(A, x), b0Rec = Dec(B, 0)) and the decoded fakes.
 */
export function shownFakes(
  shown: FakesShown,
  images: { au: Tensor4D; b0: Tensor4D; auRec: Tensor4D; b0Rec: Tensor4D } & Fakes,
): Fakes {
  if (shown.kind === 'decoded') return { bu: images.bu, a0: images.a0 };
  const { au, b0, auRec, b0Rec, bu, a0 } = images;
  const mB = changeMasks(bu, b0Rec, shown.mask);
  const mA = changeMasks(a0, auRec, shown.mask);
  // The masks stay alive with the graph: the gradient of the products needs them (the caller's scope frees them).
  return {
    bu: tf.clipByValue(tf.add(b0, tf.mul(mB, tf.sub(bu, b0Rec))), 0, 1) as Tensor4D,
    a0: tf.clipByValue(tf.add(au, tf.mul(mA, tf.sub(a0, au))), 0, 1) as Tensor4D,
  };
}

/**
 * Per-image change masks of `generated` against `reference` (measureChange, the service's own
 * function), as a constant NHWC [N,S,S,1] tensor in [0,1]; reads both batches back synchronously.
 */
function changeMasks(generated: Tensor4D, reference: Tensor4D, mask: Partial<ChangeMaskOptions>): Tensor4D {
  const [n, h, w] = generated.shape;
  const g = generated.dataSync() as Float32Array;
  const r = reference.dataSync() as Float32Array;
  const per = h * w * 3;
  const out = new Float32Array(n * h * w);
  const image = (d: Float32Array, i: number): RawImage<Float32Array> => ({ data: d.subarray(i * per, (i + 1) * per), width: w, height: h, channels: 3 });
  for (let i = 0; i < n; i++) out.set(measureChange(image(g, i), image(r, i), mask).mask.data, i * h * w);
  return tf.tensor4d(out, [n, h, w, 1]);
}
