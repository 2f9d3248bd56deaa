import { checkImage } from './warpAffine.ts';
import { coveredRegion, maskValue, type PasteMaskShape } from './pasteBack.ts';
import { invertAffine } from './similarityTransform.ts';
import { CHANGE_MASK, CONSISTENT_UPSAMPLING } from './constants.ts';
import { deconvolveSeparable, gaussianBlur } from './filters.ts';
import type { Affine2x3, RawImage } from './types.ts';

/**
 * How a generated face becomes the answer (docs/face.md "Residual composition"):
 * - 'residual' keeps the input's own pixels and adds only the generator's change, measured against
 *   the same input's reconstruction, where that change is significant;
 * - 'replace' puts the generated face itself in place of the input (the paper's output, useful on
 *   in-domain data and for comparison).
 */
export type CompositeMode = 'residual' | 'replace';
export const COMPOSITE_MODES = ['residual', 'replace'] as const satisfies readonly CompositeMode[];

/** Thresholds of the change mask, in [0, 1] pixel units (docs/face.md gives the measurement). */
export interface ChangeMaskOptions {
  /** Gaussian sigma (model pixels) of the per-pixel change magnitude before thresholding. */
  sigma: number;
  /** Magnitude at or below which nothing is changed. */
  low: number;
  /** Magnitude at or above which the full change is applied; smoothstep between the two. */
  high: number;
  /** Gaussian sigma (model pixels) that feathers the thresholded mask. */
  feather: number;
  /**
   * For an output that removes the attribute (measured from the model's input): the magnitudes
   * between which the input's own detail finer than the model's pixels is taken away as well,
   * smoothstep from `eraseLow` (all kept) to `eraseHigh` (all gone, the output's pixels alone).
   */
  eraseLow: number;
  eraseHigh: number;
  /**
   * The magnitudes between which the change is applied consistently (consistentDelta) rather than
   * plainly upsampled, smoothstep from `consistentLow` to `consistentHigh`, on targets at least
   * CONSISTENT_UPSAMPLING.minScale times the model's size.
   */
  consistentLow: number;
  consistentHigh: number;
}

/** The generator's own change at the model's size and where it is significant. */
export interface Change {
  /** size x size x 3 float: generated minus reconstruction, values in [-1, 1]. */
  delta: RawImage<Float32Array>;
  /** size x size x 1 float in [0, 1]: how much of delta is applied at each model pixel. */
  mask: RawImage<Float32Array>;
  /**
   * size x size x 1 float in [0, 1], or null where it is 0 everywhere: how much of the change is
   * applied consistently rather than plainly upsampled. Plainly upsampled, a thin edit comes back
   * weaker at the model's scale, and a removal leaves a trace of what it removed (glasses frames:
   * their edges are sharper in the input than in any 64 px change).
   */
  consistent: RawImage<Float32Array> | null;
  /**
   * Only for an output that removes: size x size x 1 in [0, 1], the share of the target's own
   * detail finer than the model's pixels that goes too (glasses frames sharper than 64 px), and
   * the model-size image the change is measured from, which that detail is taken relative to.
   */
  erase?: { mask: RawImage<Float32Array>; base: RawImage<Float32Array> };
}

/**
 * The change a generator output makes to its input: output minus a reference reconstruction of
 * the same input (docs/face.md "Residual composition"). Both are decoded by the same generator, so
 * what it cannot reproduce of a photo (detail, identity, texture) cancels and only the edit
 * remains. The mask is the change's per-pixel largest channel, smoothed, soft-thresholded between
 * `low` and `high`, then feathered.
 * @param generated square RGB at the model's size, float [0, 1] or 8-bit.
 * @param reconstruction the reference decode of the same input, same size and layout:
 *   Dec(background, object) for an output that removes the attribute, Dec(background, 0) for one
 *   that adds it (src/edit/editImages.ts).
 * @param base what the change is measured from; default the reconstruction. With the model's own
 *   input (an output that removes: the input holds detail of the attribute that its reconstruction
 *   lacks), the result equals the output at the model's size wherever the mask is full and keeps
 *   the input's detail finer than that. Where the change is strong, the change may be applied
 *   consistently (consistentLow..consistentHigh), so that what was removed leaves no trace at the
 *   model's scale, and the finer detail may go too (eraseLow..eraseHigh; Change.erase).
 */
export function measureChange(generated: RawImage, reconstruction: RawImage, options: Partial<ChangeMaskOptions> = {}, base: RawImage = reconstruction): Change {
  const opts = { ...CHANGE_MASK, ...options };
  checkImage(generated);
  checkImage(reconstruction);
  checkImage(base);
  const { width, height } = generated;
  for (const other of [reconstruction, base]) {
    if (generated.channels !== 3 || other.channels !== 3 || other.width !== width || other.height !== height) {
      throw new RangeError(`measureChange: expected two RGB images of ${width}x${height}, but got ${other.width}x${other.height}x${other.channels}`);
    }
  }
  if (!(opts.high > opts.low) || opts.low < 0) throw new RangeError(`measureChange: expected 0 <= low < high, but got low ${opts.low}, high ${opts.high}`);
  for (const [name, lo, hi] of [['erase', opts.eraseLow, opts.eraseHigh], ['consistent', opts.consistentLow, opts.consistentHigh]] as const) {
    if (!(hi > lo) || lo < 0) throw new RangeError(`measureChange: expected 0 <= ${name}Low < ${name}High, but got ${name}Low ${lo}, ${name}High ${hi}`);
  }
  const scaleOf = (img: RawImage) => (img.data instanceof Float32Array ? 1 : 1 / 255);
  const sg = scaleOf(generated);
  const sr = scaleOf(reconstruction);
  const sb = scaleOf(base);
  const delta = new Float32Array(width * height * 3);
  const magnitude = new Float32Array(width * height);
  for (let p = 0; p < width * height; p++) {
    let largest = 0;
    for (let c = 0; c < 3; c++) {
      const g = generated.data[p * 3 + c] * sg;
      delta[p * 3 + c] = g - base.data[p * 3 + c] * sb;
      largest = Math.max(largest, Math.abs(g - reconstruction.data[p * 3 + c] * sr));
    }
    magnitude[p] = largest;
  }
  const smoothed = gaussianBlur(magnitude, width, height, opts.sigma);
  const gate = (low: number, high: number) => {
    const out = new Float32Array(smoothed.length);
    for (let p = 0; p < smoothed.length; p++) {
      const t = Math.min(1, Math.max(0, (smoothed[p] - low) / (high - low)));
      out[p] = t * t * (3 - 2 * t);
    }
    return { data: gaussianBlur(out, width, height, opts.feather), width, height, channels: 1 };
  };
  // nowhere above consistentLow (every model that does not ask for it): no map to build
  const consistent = smoothed.some((m) => m > opts.consistentLow) ? gate(opts.consistentLow, opts.consistentHigh) : null;
  const change: Change = { delta: { data: delta, width, height, channels: 3 }, mask: gate(opts.low, opts.high), consistent };
  if (base !== reconstruction) change.erase = { mask: gate(opts.eraseLow, opts.eraseHigh), base: asFloat(base, sb) };
  return change;
}

function asFloat(image: RawImage, scale: number): RawImage<Float32Array> {
  return { data: image.data instanceof Float32Array ? image.data : Float32Array.from(image.data, (v) => v * scale), width: image.width, height: image.height, channels: image.channels };
}

/**
 * The change to upsample onto a target at least CONSISTENT_UPSAMPLING.minScale times the model's
 * size (docs/face.md "Consistent upsampling"): the delta deconvolved by what bilinear upsampling
 * and bringing the result back to the model's size (a lanczos reduction, as the model's inputs
 * are made) do together, so that the answer brought back to the model's size shows the model's
 * change itself rather than a blurred one. Computed once per change.
 * @returns size x size x 3 float, the same layout as Change.delta.
 */
export function consistentDelta(change: Change): Float32Array {
  return deconvolved(change, 'delta', change.delta);
}

/** A removal's erase base, deconvolved like the change (what the consistent erase takes detail relative to). */
function consistentBase(change: Change): Float32Array {
  return deconvolved(change, 'base', change.erase!.base);
}

function deconvolved(change: Change, which: 'delta' | 'base', image: RawImage<Float32Array>): Float32Array {
  const cached = consistent.get(change) ?? {};
  consistent.set(change, cached);
  const { kernel, iterations } = CONSISTENT_UPSAMPLING;
  return (cached[which] ??= deconvolveSeparable(image.data, image, kernel, iterations));
}

const consistent = new WeakMap<Change, { delta?: Float32Array; base?: Float32Array }>();

/** Target pixels per model pixel of a target -> model mapping (a similarity or a resize). */
function targetScale(toModel: Affine2x3): number {
  const [[a, b], [d, e]] = toModel;
  return 1 / Math.sqrt(Math.abs(a * e - b * d));
}

export interface ApplyChangeOptions {
  /** Also weight by this ellipse of the crop (the paste-back mask), for faces inside a larger photo. */
  shape?: PasteMaskShape;
  /**
   * How the model's input was made from the target, which decides what consistent upsampling has
   * to undo (docs/face.md "Consistent upsampling"): 'resized' (default), a lanczos reduction
   * (align=none, the evaluation); 'warped', the alignment's bilinear warp, which samples the
   * target without a prefilter, so the plain change brought back the same way is already whole.
   */
  modelInput?: 'resized' | 'warped';
}

/**
 * Adds a change measured at the model's size to an image at any resolution: every target pixel is
 * mapped into model coordinates with `toModel` (target -> model crop, e.g. an alignment matrix or
 * resizeMapping), where delta and mask are sampled bilinearly; the pixel gains mask * delta.
 * On a target at least CONSISTENT_UPSAMPLING.minScale times the model's size whose model input
 * was resized (options.modelInput) the delta is a blend of the plain and the consistent one
 * (consistentDelta) by Change.consistent. Other targets take the plain delta: at the model's own
 * size upsampling changes nothing that needs undoing, and neither does a warp's sampling. With
 * Change.erase the pixel also loses erase.mask * mask of its own detail (the target minus the
 * model-size base there, the base blended towards its consistent version like the delta): at
 * erase 1 and a plain delta the result is the generated pixel itself.
 * Target pixels whose mask is 0 are copied bit for bit. The target is not modified.
 * @param target 8-bit RGB at its own size. @returns a new 8-bit RGB image of the same size.
 */
export function applyChange<T extends RawImage<Uint8Array>>(target: T, change: Change, toModel: Affine2x3, options: ApplyChangeOptions = {}): T {
  checkImage(target);
  if (target.channels !== 3) throw new RangeError(`applyChange: expected an RGB target, but got ${target.channels} channels`);
  const out = { ...target, data: new Uint8Array(target.data) } as T;
  const erase = change.erase;
  const delta = change.delta.data;
  const resized = (options.modelInput ?? 'resized') === 'resized';
  const consistent = resized && change.consistent && targetScale(toModel) >= CONSISTENT_UPSAMPLING.minScale ? change.consistent.data : null;
  const sharp = consistent ? consistentDelta(change) : null;
  // the base, and its consistent version, are only needed where some detail goes (a model that
  // never erases skips both)
  let sharpBase: Float32Array | null = null;
  forEachMapped(target.width, target.height, change, toModel, options, (index, alpha, tap) => {
    const k = consistent ? sample(consistent, 1, 0, tap) : 0;
    const e = erase ? sample(erase.mask.data, 1, 0, tap) : 0;
    if (e > 0 && k > 0) sharpBase ??= consistentBase(change);
    const base = index * 3;
    for (let c = 0; c < 3; c++) {
      const t = target.data[base + c];
      let d = sample(delta, 3, c, tap);
      if (k > 0) d += k * (sample(sharp!, 3, c, tap) - d);
      let b = e > 0 ? sample(erase!.base.data, 3, c, tap) : 0;
      // where the change is consistent, so is the base the detail is taken relative to: at e = k = 1
      // the answer brought back to the model's size is the output, with no finer detail left
      if (e > 0 && k > 0) b += k * (sample(sharpBase!, 3, c, tap) - b);
      const value = e > 0 ? t + alpha * (255 * d + e * (255 * b - t)) : t + 255 * alpha * d;
      out.data[base + c] = value <= 0 ? 0 : value >= 255 ? 255 : Math.floor(value + 0.5);
    }
  });
  return out;
}

/**
 * Target -> model mapping of an image brought to the model's size by a centred square crop and a
 * resize (what align=none does): pixel centres map onto pixel centres.
 */
export function resizeMapping(width: number, height: number, size: number): Affine2x3 {
  const side = Math.min(width, height);
  const s = size / side;
  const ox = (width - side) / 2;
  const oy = (height - side) / 2;
  return [
    [s, 0, (0.5 - ox) * s - 0.5],
    [0, s, (0.5 - oy) * s - 0.5],
  ];
}

/**
 * The change mask resampled onto an image at any resolution (width x height, the target of
 * applyChange with the same mapping), as 8-bit grey.
 */
export function maskOnTarget(change: Change, width: number, height: number, toModel: Affine2x3, options: ApplyChangeOptions = {}): RawImage<Uint8Array> {
  const data = new Uint8Array(width * height);
  forEachMapped(width, height, change, toModel, options, (index, alpha) => {
    data[index] = Math.round(Math.min(1, alpha) * 255);
  });
  return { data, width, height, channels: 1 };
}

/**
 * Where one model point (u, v) falls between the pixels of a size x size model image: the four
 * neighbours (pixel indices) and the fractions, edges replicated (pixel centres at integer
 * coordinates). Every model-size image (mask, change, erase) is sampled with the same tap.
 */
interface Tap {
  p00: number;
  p01: number;
  p10: number;
  p11: number;
  fx: number;
  fy: number;
}

function setTap(tap: Tap, u: number, v: number, size: number): void {
  const x = u < 0 ? 0 : u > size - 1 ? size - 1 : u;
  const y = v < 0 ? 0 : v > size - 1 ? size - 1 : v;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = x0 + 1 < size ? x0 + 1 : x0;
  const y1 = y0 + 1 < size ? y0 + 1 : y0;
  tap.fx = x - x0;
  tap.fy = y - y0;
  tap.p00 = y0 * size + x0;
  tap.p01 = y0 * size + x1;
  tap.p10 = y1 * size + x0;
  tap.p11 = y1 * size + x1;
}

/**
 * Bilinear value of channel c of a model-size image with `channels` channels at a tap. Written out,
 * not through warpAffine's sampler: this runs for every pixel of a face at its photo resolution.
 */
function sample(data: Float32Array, channels: number, c: number, tap: Tap): number {
  const v00 = data[tap.p00 * channels + c];
  const v10 = data[tap.p10 * channels + c];
  const top = v00 + (data[tap.p01 * channels + c] - v00) * tap.fx;
  const bottom = v10 + (data[tap.p11 * channels + c] - v10) * tap.fx;
  return top + (bottom - top) * tap.fy;
}

/**
 * Calls visit(pixel index, weight, tap) for every pixel of a width x height target whose model
 * point (u, v) = toModel(x, y) lies on the model crop and whose mask weight (times the optional
 * ellipse) is above MIN_WEIGHT. Only the target rectangle covered by the mask's non-zero part is
 * visited: a point farther than one model pixel from every mask value above MIN_WEIGHT samples
 * none of them, so its weight cannot exceed MIN_WEIGHT either.
 */
function forEachMapped(
  width: number,
  height: number,
  change: Change,
  toModel: Affine2x3,
  options: ApplyChangeOptions,
  visit: (index: number, alpha: number, tap: Tap) => void,
): void {
  const size = change.mask.width;
  const box = maskBox(change.mask);
  if (box === null) return;
  const region = coveredRegion({ width, height }, size, invertAffine(toModel), box);
  const [[a, b, c], [d, e, f]] = toModel;
  const mask = change.mask.data;
  const tap: Tap = { p00: 0, p01: 0, p10: 0, p11: 0, fx: 0, fy: 0 };
  for (let y = region.y0; y <= region.y1; y++) {
    for (let x = region.x0; x <= region.x1; x++) {
      const u = a * x + b * y + c;
      const v = d * x + e * y + f;
      if (u < -0.5 || v < -0.5 || u > size - 0.5 || v > size - 0.5) continue;
      const ellipse = options.shape ? maskValue(u, v, size, options.shape) : 1;
      if (ellipse <= 0) continue;
      setTap(tap, u, v, size);
      const alpha = sample(mask, 1, 0, tap) * ellipse;
      if (alpha > MIN_WEIGHT) visit(y * width + x, alpha, tap);
    }
  }
}

/** Mask weight at or below which a target pixel is left as it is. */
const MIN_WEIGHT = 1e-3;

/** The model-pixel rectangle around the mask's values above MIN_WEIGHT, one pixel wider; null when there are none. */
function maskBox(mask: RawImage<Float32Array>): { x0: number; y0: number; x1: number; y1: number } | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[y * mask.width + x] <= MIN_WEIGHT) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < x0 ? null : { x0: x0 - 1, y0: y0 - 1, x1: x1 + 1, y1: y1 + 1 };
}
