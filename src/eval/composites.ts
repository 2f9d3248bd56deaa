import { tf, type Tensor4D } from '../backend/tf.ts';
import type { RgbRaster } from '../data/synth/renderFace.ts';
import { resizeToSquare } from '../edit/prepareInput.ts';
import { applyChange, measureChange, resizeMapping, type ChangeMaskOptions } from '../face/composite.ts';
import { MIN_MSE } from './constants.ts';

/**
 * The two ways a generated face becomes an answer, rebuilt here for the evaluation the way the
 * service builds them (src/face/composite.ts): 'residual' adds the generator's own change to the
 * input at the input's resolution; 'replace' is the generated image itself, upsampled.
 */

/** One image of an NHWC float batch as an interleaved view (no copy): what measureChange reads. */
function floatImage(data: Float32Array, index: number, size: number) {
  const n = size * size * 3;
  return { data: data.subarray(index * n, (index + 1) * n), width: size, height: size, channels: 3 };
}

/**
 * Residual composition of a batch, as the service composes (src/edit): for image i, the change
 * generated[i] - reconstruction[i] (at the model's size, gated by its mask) added to targets[i] at
 * the target's own resolution; a target larger than the model's size is mapped as a centred square
 * crop resized to it (resizeMapping), as for align=none.
 * @param generated, reconstruction data of NHWC float32 [N, S, S, 3] tensors, values in [0, 1];
 *   the reconstruction is the service's reference (Dec(B, 0) for Bu, Au' for A0)
 * @param base for an output that removes the attribute, what the model saw (the same layout): the
 *   change is measured from it, as the service does
 * @param targets N 8-bit RGB images of any size (the inputs the model saw, at full resolution)
 * @returns N new 8-bit RGB images of the targets' sizes
 */
export function residualBatch(
  targets: readonly RgbRaster[], generated: Float32Array, reconstruction: Float32Array, size: number, mask: Partial<ChangeMaskOptions> = {}, base?: Float32Array,
): RgbRaster[] {
  const per = size * size * 3;
  if (generated.length !== targets.length * per || reconstruction.length !== generated.length) {
    throw new RangeError(`residualBatch: expected ${targets.length} images of ${size}x${size}x3, but got ${generated.length / per} generated and ${reconstruction.length / per} reconstructed`);
  }
  return targets.map((t, i) => {
    const change = measureChange(floatImage(generated, i, size), floatImage(reconstruction, i, size), mask, base && floatImage(base, i, size));
    return applyChange(t, change, resizeMapping(t.width, t.height, size)) as RgbRaster;
  });
}

/**
 * 'replace' at `targetSize`: the generated batch resized bilinearly (pixel centres on pixel
 * centres, as resizeMapping), then rounded to 8 bits as an answer image is.
 * @param images NHWC float32 [N, S, S, 3] in [0, 1]
 * @returns N 8-bit RGB images of targetSize x targetSize
 */
export async function replaceBatch(images: Tensor4D, targetSize: number): Promise<RgbRaster[]> {
  const resized = tf.tidy(() => {
    const r = images.shape[1] === targetSize ? images : tf.image.resizeBilinear(images, [targetSize, targetSize], false, true);
    return tf.clipByValue(tf.round(tf.mul(r, 255)), 0, 255).toInt();
  });
  const data = await resized.data();
  resized.dispose();
  return splitRasters(Uint8Array.from(data), images.shape[0], targetSize);
}

/** N 8-bit RGB images from the interleaved data of an NHWC batch [N, size, size, 3]. */
export function splitRasters(data: Uint8Array, n: number, size: number): RgbRaster[] {
  const per = size * size * 3;
  return Array.from({ length: n }, (_, i) => ({ data: data.subarray(i * per, (i + 1) * per), width: size, height: size, channels: 3 as const }));
}

/** An NHWC float batch [0, 1] as 8-bit images (its values are exact multiples of 1/255 when read from 8-bit files). */
export async function tensorToRasters(images: Tensor4D): Promise<RgbRaster[]> {
  const data = await images.data();
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = Math.min(255, Math.max(0, Math.round(data[i] * 255)));
  return splitRasters(bytes, images.shape[0], images.shape[1]);
}

/** An image brought to the model's size exactly as the service does for align=none. */
export async function toModelSize(image: RgbRaster, size: number): Promise<RgbRaster> {
  return { ...(await resizeToSquare(image, size)), channels: 3 };
}

/** PSNR (dB) of two same-size 8-bit images on the [0, 1] scale, as imageMetrics.ts `psnr` computes it for tensors. */
export function rasterPsnr(a: RgbRaster, b: RgbRaster): number {
  if (a.data.length !== b.data.length) throw new RangeError(`rasterPsnr: expected images of the same size, but got ${a.width}x${a.height} and ${b.width}x${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += (a.data[i] - b.data[i]) ** 2;
  const mse = Math.max(MIN_MSE, sum / a.data.length / (255 * 255));
  return 10 * Math.log10(1 / mse);
}

/**
 * applyChange's arithmetic for one fixed geometry, taken apart so a sweep of change-mask
 * thresholds does not sample the same delta again for every setting: the bilinear taps of every
 * target pixel (target -> model by `toModel`, edges replicated) are computed once; then
 * upsample() resamples any model-size map onto the target, and compose() adds alpha * delta to a
 * target exactly as applyChange does with the plain delta (same sums in the same order, so the
 * same bytes); the sweep's alternatives to the service use it.
 */
export class ResidualPlan {
  /** Per target pixel: model-pixel indices of the four taps (or -1 when the pixel maps outside the model crop). */
  private readonly taps: Int32Array;
  private readonly fx: Float64Array;
  private readonly fy: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly size: number,
  ) {
    const m = resizeMapping(width, height, size);
    const n = width * height;
    this.taps = new Int32Array(n * 4);
    this.fx = new Float64Array(n);
    this.fy = new Float64Array(n);
    const clamp = (v: number) => (v < 0 ? 0 : v >= size ? size - 1 : v);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        const u = m[0][0] * x + m[0][1] * y + m[0][2];
        const v = m[1][0] * x + m[1][1] * y + m[1][2];
        if (u < -0.5 || v < -0.5 || u > size - 0.5 || v > size - 0.5) {
          this.taps.fill(-1, p * 4, p * 4 + 4);
          continue;
        }
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        this.fx[p] = u - x0;
        this.fy[p] = v - y0;
        const [xa, xb, ya, yb] = [clamp(x0), clamp(x0 + 1), clamp(y0), clamp(y0 + 1)];
        this.taps.set([ya * size + xa, ya * size + xb, yb * size + xa, yb * size + xb], p * 4);
      }
    }
  }

  /**
   * A model-size map resampled onto the target grid.
   * @param values size x size x channels, interleaved. @returns width x height x channels (0 outside the crop).
   */
  upsample(values: Float32Array, channels: number): Float64Array {
    const out = new Float64Array(this.width * this.height * channels);
    for (let p = 0; p < this.width * this.height; p++) {
      const t = p * 4;
      if (this.taps[t] < 0) continue;
      const fx = this.fx[p];
      const fy = this.fy[p];
      for (let c = 0; c < channels; c++) {
        const top = values[this.taps[t] * channels + c] * (1 - fx) + values[this.taps[t + 1] * channels + c] * fx;
        const bottom = values[this.taps[t + 2] * channels + c] * (1 - fx) + values[this.taps[t + 3] * channels + c] * fx;
        out[p * channels + c] = top * (1 - fy) + bottom * fy;
      }
    }
    return out;
  }

  /**
   * The target plus alpha * delta (both already upsampled), rounded and clamped to 8 bits; pixels
   * whose alpha is at most 1e-3 are copied, as applyChange does with a plain (not consistent) delta.
   */
  compose(target: RgbRaster, alpha: Float64Array, delta: Float64Array): RgbRaster {
    const out = new Uint8Array(target.data);
    for (let p = 0; p < this.width * this.height; p++) {
      const a = alpha[p];
      if (this.taps[p * 4] < 0 || a <= 1e-3) continue;
      for (let c = 0; c < 3; c++) {
        const value = target.data[p * 3 + c] + 255 * a * delta[p * 3 + c];
        out[p * 3 + c] = value <= 0 ? 0 : value >= 255 ? 255 : Math.floor(value + 0.5);
      }
    }
    return { data: out, width: target.width, height: target.height, channels: 3 };
  }

  /**
   * Not what the service does: the alternative the sweep measures beside residual, where the
   * mask lets the generated image itself through (upsampled) instead of the change, so detail of
   * the input that the generator removes cannot survive under the mask.
   * @param generated the generated image upsampled onto the target (upsample(), [0, 1]).
   */
  blend(target: RgbRaster, alpha: Float64Array, generated: Float64Array): RgbRaster {
    const out = new Uint8Array(target.data);
    for (let p = 0; p < this.width * this.height; p++) {
      const a = alpha[p];
      if (this.taps[p * 4] < 0 || a <= 1e-3) continue;
      for (let c = 0; c < 3; c++) {
        const t = target.data[p * 3 + c];
        const value = t + a * (255 * generated[p * 3 + c] - t);
        out[p * 3 + c] = value <= 0 ? 0 : value >= 255 ? 255 : Math.floor(value + 0.5);
      }
    }
    return { data: out, width: target.width, height: target.height, channels: 3 };
  }
}
